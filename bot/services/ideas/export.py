"""Ideas as table rows for staff (list, CSV, XLSX): no personal data, no author, no staff ids."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from bot.services.ideas.translation import staff_language_texts
from bot.services.translation.engine import Translated
from db.models import Idea, IdeaEvent, IdeaReport, IdeaStatus, IdeaSupport

COLUMNS = (
    "reference", "created", "topic", "district", "language", "text", "text_de", "translated_by",
    "status", "supports", "reports", "history",
)  # fmt: skip
GERMAN = "de"
STATUSES = tuple(IdeaStatus)


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
    session: AsyncSession, *, status: IdeaStatus | None = None, since: datetime | None = None,
    provider: str = "none",
) -> list[dict[str, object]]:  # fmt: skip
    """One dict per idea, oldest first; `created` in UTC (ISO 8601). `text_de`: the German
    text (the original, or the stored machine translation by `translated_by`; empty while an
    idea in another language has none)."""
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
    ideas = [idea for idea, _s, _r in found]
    german = await staff_language_texts(session, provider, ideas, GERMAN)
    return [
        {
            "reference": idea.reference,
            "created": idea.created_at.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "topic": idea.topic,
            "district": idea.district,
            "language": idea.language or "",
            "text": idea.text,
            **german_columns(idea, german.get(idea.id)),
            "status": idea.status + (" (hidden)" if idea.hidden else ""),
            "supports": int(supports),
            "reports": int(reports),
            "history": "; ".join(history.get(idea.id, [])),
        }
        for idea, supports, reports in found
    ]


def german_columns(idea: Idea, translated: Translated | None) -> dict[str, object]:
    """`text_de` and `translated_by` ("LibreTranslate (machine translation)") of one idea."""
    if idea.language == GERMAN:
        return {"text_de": idea.text, "translated_by": ""}
    if translated is None:
        return {"text_de": "", "translated_by": ""}
    return {
        "text_de": translated.text,
        "translated_by": f"{translated.label} (machine translation)",
    }


async def export(
    session: AsyncSession, clock: Clock, *, actor: int, status: IdeaStatus | None = None,
    since: datetime | None = None, provider: str = "none",
) -> list[dict[str, object]]:  # fmt: skip
    """The rows of an export, logged as one audit entry before they are handed out."""
    found = await rows(session, status=status, since=since, provider=provider)
    details = {"status": status, "since": since.isoformat() if since else None, "rows": len(found)}
    await audit.record_export(
        session, clock, actor=actor, action=AuditAction.EXPORT_IDEAS, target="ideas",
        details=details,
    )  # fmt: skip
    return found
