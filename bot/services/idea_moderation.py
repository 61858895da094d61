"""Staff decisions on ideas: allowed transitions, the audit log, the author's notice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.delivery.outbox import NOTICE, enqueue
from bot.services import audit
from bot.services.clock import Clock
from bot.services.ideas import IdeaError
from bot.services.locale import resolve_language
from db.models import Idea, IdeaEvent, User
from db.repositories import ideas as repo

# action: (statuses it may start from, status it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "publish": (frozenset({"submitted"}), "published"),
    "decline": (frozenset({"submitted", "published"}), "declined"),
    "forward": (frozenset({"published"}), "forwarded"),
    "implement": (frozenset({"published", "forwarded"}), "implemented"),
    "not_pursued": (frozenset({"published", "forwarded"}), "not_pursued"),
}
DECLINE_REASONS = ("duplicate", "not_city", "rules", "not_feasible", "other")
MAX_COMMENT = 500


@dataclass(frozen=True)
class Decision:
    """One staff press: the action, and for decline/forward the reason and comment."""

    action: str
    staff_id: int
    reason: str | None = None
    comment: str | None = None


# Renders the author's notice: (idea, decision, author's language) -> HTML text.
NoticeRenderer = Callable[[Idea, Decision, str], str]


def allowed(idea: Idea, action: str) -> bool:
    """Whether the action may be applied to the idea in its current state."""
    if action == "publish" and idea.status == "published" and idea.hidden:
        return True  # a hidden idea is released again after review
    starts, _target = TRANSITIONS[action]
    return idea.status in starts


def check(decision: Decision) -> None:
    """Raise IdeaError for an unknown action, a missing reason or an overlong comment."""
    if decision.action not in TRANSITIONS:
        raise IdeaError("action", f"unknown action {decision.action!r}")
    if decision.action == "decline" and decision.reason not in DECLINE_REASONS:
        raise IdeaError("reason", "a decline needs a reason from the list")
    if decision.action == "forward" and not (decision.comment or "").strip():
        raise IdeaError("department", "a forward needs the department")
    if decision.comment is not None and len(decision.comment) > MAX_COMMENT:
        raise IdeaError("comment", "comment too long", limit=MAX_COMMENT)


async def decide(
    session: AsyncSession,
    clock: Clock,
    idea_id: int,
    decision: Decision,
    render: NoticeRenderer,
    default_language: str,
) -> tuple[Idea, IdeaEvent]:
    """Apply a staff decision, log it and queue the author's notice, in one transaction."""
    check(decision)
    idea = await repo.get(session, idea_id, lock=True)
    if idea is None:
        raise IdeaError("not_found", "no such idea")
    if not allowed(idea, decision.action):
        raise IdeaError("not_allowed", f"cannot {decision.action} a {idea.status} idea")
    now = clock.now()
    before = idea.status
    after = TRANSITIONS[decision.action][1]
    idea.status, idea.updated_at = after, now
    if decision.action == "publish":
        idea.hidden = False
        idea.published_at = idea.published_at or now
    comment = (decision.comment or "").strip() or None
    event = IdeaEvent(
        idea_id=idea.id, actor="staff", staff_id=decision.staff_id, action=decision.action,
        before=before, after=after, reason=decision.reason, comment=comment, created_at=now,
    )  # fmt: skip
    session.add(event)
    audit.record(
        session, actor=decision.staff_id, action=f"idea.{decision.action}",
        target=f"idea:{idea.reference}", at=now, before={"status": before},
        after={"status": after, "reason": decision.reason, "comment": comment},
    )  # fmt: skip
    await session.flush()
    author = await session.get(User, idea.user_id)
    if author is not None and author.reachable and before != after:
        language = resolve_language(author.language, author.telegram_language, default_language)
        text = render(idea, decision, language)
        await enqueue(
            session, chat_id=author.telegram_id, method="sendMessage", params={"text": text},
            dedupe_key=f"idea:{idea.id}:event:{event.id}", now=now, user_id=author.id,
            priority=NOTICE,
        )  # fmt: skip
    await session.commit()
    return idea, event
