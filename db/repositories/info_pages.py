"""Queries on information pages."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import InfoPage


async def all_pages(session: AsyncSession) -> list[InfoPage]:
    """Every page in every language, in menu order."""
    result = await session.execute(
        select(InfoPage).order_by(InfoPage.position, InfoPage.slug, InfoPage.language)
    )
    return list(result.scalars())


async def versions_of(session: AsyncSession, slug: str) -> list[InfoPage]:
    """All language versions of one page."""
    result = await session.execute(select(InfoPage).where(InfoPage.slug == slug))
    return list(result.scalars())


async def find(session: AsyncSession, slug: str, language: str) -> InfoPage | None:
    """One page in one language."""
    result = await session.execute(
        select(InfoPage).where(InfoPage.slug == slug, InfoPage.language == language)
    )
    return result.scalar_one_or_none()
