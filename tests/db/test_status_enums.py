"""Statuses and kinds are StrEnums stored as the same plain strings as before: checked on the
way in, the enum member on the way out, no migration and no change to existing rows."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select, text, update
from sqlalchemy.exc import StatementError
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Base, Campaign, CampaignStatus, Meeting, MeetingStatus
from db.types import EnumString

NOW = datetime(2026, 12, 7, 10, 0, tzinfo=UTC)


def _meeting(**values: object) -> Meeting:
    return Meeting(
        title='{"de": "Forum"}', district="mitte", venue="Rathaus", address="Burgplatz 19",
        starts_at=NOW + timedelta(days=3), ends_at=NOW + timedelta(days=3, hours=2), **values,
    )  # fmt: skip


def test_every_value_fits_its_column() -> None:
    # PostgreSQL refuses a longer string; SQLite would silently store it.
    columns = [
        (f"{table.name}.{column.name}", column.type)
        for table in Base.metadata.sorted_tables
        for column in table.columns
        if isinstance(column.type, EnumString)
    ]
    assert len(columns) >= 12
    for name, kind in columns:
        longest = max(len(member.value) for member in kind.enum)
        assert longest <= kind.impl.length, name


async def test_a_row_holds_the_plain_string_and_reads_back_as_the_enum(
    session: AsyncSession,
) -> None:
    session.add(_meeting())
    await session.commit()
    stored = await session.scalar(text("SELECT status FROM meetings"))
    assert type(stored) is str and stored == "draft"
    # A row written before the enums existed: the same strings, nothing to migrate.
    await session.execute(text("UPDATE meetings SET status = 'published'"))
    await session.commit()
    session.expire_all()
    meeting = await session.scalar(select(Meeting))
    assert meeting is not None and meeting.status is MeetingStatus.PUBLISHED


async def test_a_status_outside_the_enum_is_refused_before_it_is_stored(
    session: AsyncSession,
) -> None:
    session.add(_meeting(status="postponed"))
    with pytest.raises(StatementError) as refused:
        await session.commit()
    assert isinstance(refused.value.orig, ValueError)
    await session.rollback()
    assert await session.scalar(select(func.count()).select_from(Meeting)) == 0


async def test_another_tables_status_is_refused_in_an_update(session: AsyncSession) -> None:
    session.add(Campaign(created_by=1, created_at=NOW, send_at=NOW))
    await session.commit()
    with pytest.raises(StatementError):
        # "sent" is an outbox status; a campaign ends as "done".
        await session.execute(update(Campaign).values(status="sent"))
    await session.rollback()
    campaign = await session.scalar(select(Campaign))
    assert campaign is not None and campaign.status is CampaignStatus.SCHEDULED
