"""A ballot project's photo and place: those of the proposal it was made from (the review's
"feasible" links them, BudgetProposal.project_id). Projects staff imported have none."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import BudgetProposal


@dataclass(frozen=True)
class ProjectMedia:
    """What a project's card shows beside its texts; all None for a project without a proposal."""

    photo: str | None = None  # a Telegram file id; "doc:" + id for an image sent as a file
    latitude: float | None = None
    longitude: float | None = None


async def project_media(session: AsyncSession, project_id: int) -> ProjectMedia:
    """The photo and pin of the project's proposal, in one query.

    Erasing the author deletes their proposal, so the project (which belongs to the process)
    then has no photo or pin: intended, they are the author's content, not the city's."""
    row = (
        await session.execute(
            select(BudgetProposal.photo, BudgetProposal.latitude, BudgetProposal.longitude)
            .where(BudgetProposal.project_id == project_id)
            .order_by(BudgetProposal.id)
            .limit(1)
        )
    ).first()
    if row is None:
        return ProjectMedia()
    return ProjectMedia(row.photo, row.latitude, row.longitude)
