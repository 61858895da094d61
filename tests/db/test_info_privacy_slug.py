"""Staff edit information pages, but not Privacy: its text comes from the code and settings."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import info
from db.repositories import info_pages
from tests.db.support import FixedClock

CLOCK = FixedClock(datetime(2026, 12, 7, 9, tzinfo=UTC))


async def test_the_privacy_page_cannot_be_set_and_other_pages_still_can(
    session: AsyncSession,
) -> None:
    with pytest.raises(ValueError, match="privacy page is generated"):
        await info.set_page(session, CLOCK, "privacy", "de", "Alles neu", "Datenschutz", actor=0)
    assert await info_pages.find(session, "privacy", "de") is None  # nothing stored
    await info.set_page(session, CLOCK, "contact", "de", "Neue Nummer", None, actor=0)
    assert (await info.get_page(session, "contact", "de")).body == "Neue Nummer"  # type: ignore[union-attr]
    listed = [page.slug for page in await info.list_pages(session, "de")]
    assert "privacy" not in listed and "contact" in listed
