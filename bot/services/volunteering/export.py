"""The staff export: interest per opportunity, as counts only (no person's data)."""

from __future__ import annotations

from sqlalchemy import case, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from bot.services.tabular import Row, Sheet
from bot.services.volunteering.opportunities import all_of, text_of
from db.models import VolunteerInterest

HEADER = (
    "id", "organisation", "title", "district", "kind", "status", "places", "interested",
    "shared_contact",
)  # fmt: skip


async def sheet(session: AsyncSession, clock: Clock, *, actor: int) -> Sheet:
    """One row per opportunity; the export is audited before it is handed out."""
    shared = func.sum(case((VolunteerInterest.share_contact.is_(True), 1), else_=0))
    query = select(VolunteerInterest.opportunity_id, func.count(), shared).group_by(
        VolunteerInterest.opportunity_id
    )
    counts = {row[0]: (int(row[1]), int(row[2] or 0)) for row in await session.execute(query)}
    rows: list[Row] = []
    for opportunity, org in await all_of(session):
        interested, with_contact = counts.get(opportunity.id, (0, 0))
        rows.append((
            opportunity.id, org.name, text_of(opportunity.title, "de"), opportunity.district,
            opportunity.kind, opportunity.status, opportunity.places, interested, with_contact,
        ))  # fmt: skip
    await audit.record_export(
        session, clock, actor=actor, action=AuditAction.EXPORT_VOLUNTEERING,
        target="volunteering", details={"opportunities": len(rows)},
    )  # fmt: skip
    return Sheet("volunteering", HEADER, rows)
