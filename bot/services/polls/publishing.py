"""Staff publish a poll's results on its public page (or withdraw them), audited; the page
shows a closed poll's totals with small numbers hidden (bot.services.polls.suppression)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from bot.services.polls.input import PollError
from bot.services.polls.results import Results, compute
from bot.services.polls.suppression import protect
from db.models import PollStatus
from db.repositories import polls as repo


async def set_public(
    session: AsyncSession, clock: Clock, poll_id: int, public: bool, *, actor: int
) -> None:
    """Show a poll's results at /public/polls/<id> once it is closed, or withdraw them.

    Publishing ahead is allowed, so that the results message sent at closing links the page."""
    poll = await repo.get(session, poll_id)
    if poll is None:
        raise PollError("not_found", "no such poll")
    audit.record(
        session, actor=actor, action=AuditAction.POLL_PUBLIC, target=f"poll:{poll_id}",
        at=clock.now(), before={"public": poll.public}, after={"public": public},
    )  # fmt: skip
    poll.public = public
    await session.commit()


@dataclass(frozen=True)
class PublicResults:
    """What the public page shows: the question, each option's votes and the voters as
    shown (numbers below 5 hidden, and whatever would give one away)."""

    question: str
    options: list[str]
    counts: list[str]
    voters: str


async def public_results(
    session: AsyncSession, poll_id: int, language: str
) -> PublicResults | None:
    """A published poll's results in a language (German as the fallback); else None."""
    poll = await repo.get(session, poll_id)
    if poll is None or not poll.public or poll.status != PollStatus.CLOSED:
        return None
    found = await compute(session, poll, language)
    counts, voters = shown_totals(found)
    return PublicResults(found.question, found.options, counts, voters)


def shown_totals(found: Results) -> tuple[list[str], str]:
    """Each option's votes and the voters as the public page and the charts show them."""
    row = [*found.totals, found.voters]
    shown = protect([row], rows_add_up=not found.poll.multiple, column_totals=False)
    cells = shown[0] if shown else ["•"] * len(row)
    return cells[:-1], cells[-1]
