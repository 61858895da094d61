"""Residents' side of the proposals phase: hand in a proposal, support it or take support back.

A proposal with at least the process's `support_threshold` supports (0: every proposal) goes on
to review at once and its author is told; it stays there if supports are taken back later (the
author was told, and staff may already be reviewing it)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.budget.notices import Notifier, ProposalNotice, tell_author
from bot.services.clock import Clock
from bot.services.text_length import letter_count, utf16_len
from db.models import (
    BudgetPhase,
    BudgetProcess,
    BudgetProposal,
    BudgetSupport,
    ProposalStatus,
    User,
)

TITLE_MIN, TITLE_MAX = 5, 100  # UTF-16 units, as Telegram counts them
TITLE_LETTERS_MIN = 3
COST_IDEA_MAX = 100_000_000  # whole euros; a guess beyond this is a typo
# Proposals residents can still see and support.
OPEN = (ProposalStatus.COLLECTING, ProposalStatus.IN_REVIEW)


class ProposalError(ValueError):
    """A part of a proposal that cannot be taken; `code` says which."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class SupportOutcome(StrEnum):
    """What became of a press on Support or Withdraw support."""

    ADDED = "added"
    REMOVED = "removed"
    ALREADY = "already"  # one support per person
    NOT_SUPPORTED = "not_supported"  # nothing to take back
    OWN = "own"  # authors don't support their own proposal
    CLOSED = "closed"  # the process is not in its proposals phase, or the proposal moved on


@dataclass(frozen=True)
class ProposalDraft:
    """A checked proposal as the resident handed it in."""

    title: str
    description: str
    district: str | None
    language: str
    photo: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    cost_idea: int | None = None


def check_title(text: str) -> str:
    """The stripped title, or ProposalError("title") when too short, too long or no words."""
    text = " ".join(text.split())
    if not TITLE_MIN <= utf16_len(text) <= TITLE_MAX or letter_count(text) < TITLE_LETTERS_MIN:
        raise ProposalError("title")
    return text


def parse_cost(text: str) -> int:
    """'25.000 €', '25 000', '25000' → 25000; ProposalError("cost") otherwise."""
    digits = re.sub(r"[\s.,'’€]|EUR|Euro", "", text.strip(), flags=re.IGNORECASE)
    if not re.fullmatch(r"[0-9]{1,9}", digits) or not 1 <= int(digits) <= COST_IDEA_MAX:
        raise ProposalError("cost")
    return int(digits)


async def collecting_processes(session: AsyncSession) -> list[BudgetProcess]:
    """Processes in their proposals phase, oldest first."""
    rows = await session.scalars(
        select(BudgetProcess)
        .where(BudgetProcess.phase == BudgetPhase.PROPOSALS)
        .order_by(BudgetProcess.id)
    )
    return list(rows)


async def open_process(session: AsyncSession, process_id: int) -> BudgetProcess | None:
    """The process if it takes proposals now."""
    process = await session.get(BudgetProcess, process_id)
    return process if process is not None and process.phase == BudgetPhase.PROPOSALS else None


async def submit(
    session: AsyncSession, clock: Clock, user: User, process_id: int, draft: ProposalDraft
) -> BudgetProposal | None:
    """Store the proposal; None when the process no longer takes proposals."""
    process = await open_process(session, process_id)
    if process is None:
        return None
    status = (
        ProposalStatus.IN_REVIEW if process.support_threshold <= 0 else ProposalStatus.COLLECTING
    )
    proposal = BudgetProposal(
        process_id=process.id, user_id=user.id, language=draft.language,
        district=draft.district if process.district is None else process.district,
        title=draft.title, description=draft.description, photo=draft.photo,
        latitude=draft.latitude, longitude=draft.longitude, cost_idea=draft.cost_idea,
        status=status, created_at=clock.now(),
    )  # fmt: skip
    session.add(proposal)
    await session.commit()
    return proposal


async def supports(session: AsyncSession, proposal_ids: list[int]) -> dict[int, int]:
    """Support counts by proposal id (0 for none)."""
    counts = dict.fromkeys(proposal_ids, 0)
    if proposal_ids:
        rows = await session.execute(
            select(BudgetSupport.proposal_id, func.count())
            .where(BudgetSupport.proposal_id.in_(proposal_ids))
            .group_by(BudgetSupport.proposal_id)
        )
        counts.update({proposal_id: count for proposal_id, count in rows.all()})
    return counts


async def listed(session: AsyncSession, process_id: int) -> list[BudgetProposal]:
    """The proposals residents can see and support, oldest first."""
    rows = await session.scalars(
        select(BudgetProposal)
        .where(BudgetProposal.process_id == process_id, BudgetProposal.status.in_(OPEN))
        .order_by(BudgetProposal.id)
    )
    return list(rows)


async def supporting(session: AsyncSession, user: User, proposal_id: int) -> bool:
    """Whether the person supports the proposal."""
    found = await session.get(BudgetSupport, (proposal_id, user.id))
    return found is not None


async def _supportable(session: AsyncSession, proposal_id: int) -> BudgetProposal | None:
    proposal = await session.get(BudgetProposal, proposal_id)
    if proposal is None or proposal.status not in OPEN:
        return None
    return proposal if await open_process(session, proposal.process_id) else None


async def support(
    session: AsyncSession, clock: Clock, user: User, proposal_id: int, notifier: Notifier
) -> SupportOutcome:
    """Add the person's support; the proposal goes on to review when it reaches the threshold."""
    proposal = await _supportable(session, proposal_id)
    if proposal is None:
        return SupportOutcome.CLOSED
    if proposal.user_id == user.id:
        return SupportOutcome.OWN
    if await supporting(session, user, proposal_id):
        return SupportOutcome.ALREADY
    session.add(BudgetSupport(proposal_id=proposal_id, user_id=user.id))
    await session.flush()
    await qualify_if_supported(session, clock, proposal, notifier)
    await session.commit()
    return SupportOutcome.ADDED


async def qualify_if_supported(
    session: AsyncSession, clock: Clock, proposal: BudgetProposal, notifier: Notifier
) -> None:
    """COLLECTING → IN_REVIEW once the supports reach the threshold; the author is told."""
    process = await session.get(BudgetProcess, proposal.process_id)
    if process is None or proposal.status != ProposalStatus.COLLECTING:
        return
    count = (await supports(session, [proposal.id]))[proposal.id]
    if count >= process.support_threshold:
        proposal.status = ProposalStatus.IN_REVIEW
        notice = ProposalNotice(ProposalStatus.IN_REVIEW, proposal.title)
        await tell_author(session, proposal, notice, notifier, clock.now())


async def withdraw(session: AsyncSession, user: User, proposal_id: int) -> SupportOutcome:
    """Take the person's support back, while proposals are open."""
    if await _supportable(session, proposal_id) is None:
        return SupportOutcome.CLOSED
    if not await supporting(session, user, proposal_id):
        return SupportOutcome.NOT_SUPPORTED
    await session.execute(
        delete(BudgetSupport).where(
            BudgetSupport.proposal_id == proposal_id, BudgetSupport.user_id == user.id
        )
    )
    await session.commit()
    return SupportOutcome.REMOVED
