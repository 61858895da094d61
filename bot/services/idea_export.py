"""Ideas as table rows for staff (list, CSV, XLSX): no personal data, no author, no staff ids."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from db.models import Idea, IdeaEvent, IdeaReport, IdeaSupport

COLUMNS = (
    "reference", "created", "topic", "district", "language", "text", "status", "supports",
    "reports", "history",
)  # fmt: skip
STATUSES = (
    "submitted", "in_review", "published", "declined", "forwarded", "implemented",
    "not_pursued", "withdrawn",
)  # fmt: skip


def _counts(table: type[IdeaSupport] | type[IdeaReport]) -> object:
    return select(func.count()).where(table.idea_id == Idea.id).correlate(Idea).scalar_subquery()


def history_line(event: IdeaEvent) -> str:
    """'2026-11-28T10:05Z publish submitted→published' (+ decline reason or department)."""
    when = event.created_at.strftime("%Y-%m-%dT%H:%MZ")
    change = f"{event.before or ''}→{event.after or ''}"
    # The department (a forward's first comment line); staff's words to the author stay out.
    department = (event.comment or "").split("\n")[0] if event.action == "forward" else None
    extra = event.reason or department
    return " ".join(part for part in (when, event.action, change, extra) if part)


async def rows(
    session: AsyncSession, *, status: str | None = None, since: datetime | None = None
) -> list[dict[str, object]]:
    """One dict per idea, oldest first; `created` in UTC (ISO 8601)."""
    query = select(Idea, _counts(IdeaSupport), _counts(IdeaReport)).order_by(Idea.id)  # type: ignore[call-overload]
    if status:
        query = query.where(Idea.status == status)
    if since:
        query = query.where(Idea.created_at >= since)
    found = list(await session.execute(query))
    ids = [idea.id for idea, _s, _r in found]
    history: dict[int, list[str]] = {}
    if ids:
        events = await session.execute(
            select(IdeaEvent).where(IdeaEvent.idea_id.in_(ids)).order_by(IdeaEvent.id)
        )
        for event in events.scalars():
            history.setdefault(event.idea_id, []).append(history_line(event))
    return [
        {
            "reference": idea.reference,
            "created": idea.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "topic": idea.topic,
            "district": idea.district,
            "language": idea.language or "",
            "text": idea.text,
            "status": idea.status + (" (hidden)" if idea.hidden else ""),
            "supports": int(supports),
            "reports": int(reports),
            "history": "; ".join(history.get(idea.id, [])),
        }
        for idea, supports, reports in found
    ]


async def export(
    session: AsyncSession, clock: Clock, *, actor: int, status: str | None = None,
    since: datetime | None = None,
) -> list[dict[str, object]]:  # fmt: skip
    """The rows of an export, logged as one audit entry before they are handed out."""
    found = await rows(session, status=status, since=since)
    details = {"status": status, "since": since.isoformat() if since else None, "rows": len(found)}
    await audit.record_export(
        session, clock, actor=actor, action=AuditAction.EXPORT_IDEAS, target="ideas",
        details=details,
    )  # fmt: skip
    return found
