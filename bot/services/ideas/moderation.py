"""Staff decisions on ideas: allowed transitions, the audit log, the author's notice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from bot.services.ideas import card_edits
from bot.services.ideas.card_translation import StaffCard
from bot.services.ideas.lifecycle import OPEN, IdeaError
from bot.services.ideas.notices import notify_author
from bot.services.text_length import utf16_len
from db.models import Idea, IdeaActor, IdeaEvent, IdeaStatus
from db.repositories import ideas as repo

# Published, maybe forwarded: staff may still conclude it.
LIVE = frozenset({IdeaStatus.PUBLISHED, IdeaStatus.FORWARDED})
# action: (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[IdeaStatus], IdeaStatus]] = {
    "review": (frozenset({IdeaStatus.SUBMITTED}), IdeaStatus.IN_REVIEW),
    "publish": (OPEN, IdeaStatus.PUBLISHED),
    "decline": (OPEN | {IdeaStatus.PUBLISHED}, IdeaStatus.DECLINED),
    "forward": (frozenset({IdeaStatus.PUBLISHED}), IdeaStatus.FORWARDED),
    "implement": (LIVE, IdeaStatus.IMPLEMENTED),
    "not_pursued": (LIVE, IdeaStatus.NOT_PURSUED),
}
DECLINE_REASONS = ("duplicate", "not_city", "rules", "not_feasible", "other")
OTHER_REASON = "other"  # the author learns the reason from the moderator's comment alone
MAX_COMMENT = 500


@dataclass(frozen=True)
class Decision:
    """One staff press: the action, a decline reason, a forward's department, a comment."""

    action: str
    staff_id: int
    reason: str | None = None
    comment: str | None = None
    department: str | None = None


@dataclass(frozen=True)
class Change:
    """What the author is told about: the decision and whether it released a hidden idea."""

    decision: Decision
    released: bool = False


# Renders the author's notice: (idea, change, author's language) -> HTML text.
NoticeRenderer = Callable[[Idea, Change, str], str]
# The staff card's "Last change" lines after a decision, in the staff chat's language:
# (idea with its new status, decision) -> HTML.
StaffNote = Callable[[Idea, Decision], str]


@dataclass(frozen=True)
class CardRefresh:
    """How a decision shows on the idea's staff card: its "Last change" lines, kept with the
    idea (ideas.staff_note) so that every later edit of the card shows them again, and for a
    decision taken away from the chat (the dashboard: no Bot at hand) the card's edit, queued
    through the outbox. The chat's buttons edit the card themselves at once (`queued` None)."""

    note: StaffNote
    queued: StaffCard | None = None


def releases(idea: Idea, action: str) -> bool:
    """Publish on an idea hidden after reports shows it again (its status stays)."""
    return action == "publish" and idea.hidden and idea.status in repo.PUBLIC


def allowed(idea: Idea, action: str) -> bool:
    """Whether the action may be applied to the idea in its current state."""
    if releases(idea, action):
        return True
    if action == "decline" and idea.hidden and idea.status in repo.PUBLIC:
        return True  # reviewed after reports and found wanting
    starts, _target = TRANSITIONS[action]
    return idea.status in starts


def check(decision: Decision) -> None:
    """Raise IdeaError for an unknown action, a missing reason or an overlong comment."""
    if decision.action not in TRANSITIONS:
        raise IdeaError("action", f"unknown action {decision.action!r}")
    if decision.action == "decline" and decision.reason not in DECLINE_REASONS:
        raise IdeaError("reason", "a decline needs a reason from the list")
    if decision.reason == OTHER_REASON and not (decision.comment or "").strip():
        raise IdeaError("explanation", "a decline for another reason needs the explanation")
    if decision.action == "forward" and not (decision.department or "").strip():
        raise IdeaError("department", "a forward needs the department")
    for text in (decision.comment, decision.department):
        if text is not None and utf16_len(text) > MAX_COMMENT:
            raise IdeaError("comment", "comment too long", limit=MAX_COMMENT)


def stored_comment(decision: Decision) -> str | None:
    """The audit log's comment: for a forward the department first, the comment below it."""
    comment = (decision.comment or "").strip() or None
    if decision.action != "forward":
        return comment
    department = (decision.department or "").strip()
    return department + ("\n" + comment if comment else "")


async def decide(
    session: AsyncSession,
    clock: Clock,
    idea_id: int,
    decision: Decision,
    render: NoticeRenderer,
    default_language: str,
    *,
    card: CardRefresh | None = None,
) -> tuple[Idea, IdeaEvent]:
    """Apply a staff decision, log it and queue the author's notice, in one transaction; with
    `card`, also keep the card's "Last change" lines and queue its edit (if `card.queued`)."""
    check(decision)
    idea = await repo.get(session, idea_id, lock=True)
    if idea is None:
        raise IdeaError("not_found", "no such idea")
    if not allowed(idea, decision.action):
        raise IdeaError("not_allowed", f"cannot {decision.action} a {idea.status} idea")
    now, before = clock.now(), idea.status
    released = releases(idea, decision.action)
    after = before if released else TRANSITIONS[decision.action][1]
    idea.status, idea.updated_at = after, now
    if decision.action == "publish":
        idea.hidden = False
        idea.published_at = idea.published_at or now
    event = IdeaEvent(
        idea_id=idea.id, actor=IdeaActor.STAFF, staff_id=decision.staff_id, action=decision.action,
        before=before, after=after, reason=decision.reason, comment=stored_comment(decision),
        created_at=now,
    )  # fmt: skip
    session.add(event)
    audit.record(
        session, actor=decision.staff_id, action=AuditAction(f"idea.{decision.action}"),
        target=f"idea:{idea.reference}", at=now, before={"status": before},
        after={"status": after, "reason": decision.reason, "comment": event.comment},
    )  # fmt: skip
    await session.flush()
    if before != after or released:
        change = Change(decision, released)
        await notify_author(
            session,
            idea,
            event,
            lambda language: render(idea, change, language),
            default_language,
        )
    if card is not None:
        idea.staff_note = card.note(idea, decision)
    await card_edits.supersede(session, idea)
    if card is not None and card.queued is not None:
        await card_edits.queue_edit(session, idea, event, card.queued)
    await session.commit()
    return idea, event
