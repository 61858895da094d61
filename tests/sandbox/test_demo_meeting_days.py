"""The demo meetings never fall on Christmas (24–26 December), 31 December or 1 January."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select

from bot.config import Settings
from bot.i18n import build_i18n
from bot.sandbox.demo import DEMO_STAFF, sandbox_settings
from bot.sandbox.demo_base import DemoContext
from bot.sandbox.demo_meetings import demo_inputs, seed_meetings
from db.models import Meeting
from db.session import create_engine, create_session_factory

BERLIN = ZoneInfo("Europe/Berlin")
HOLIDAYS = {(12, 24), (12, 25), (12, 26), (12, 31), (1, 1)}


class FrozenClock:
    """A clock that stands still at one moment."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def now(self) -> datetime:
        return self.moment


def local_days(today: date) -> list[date]:
    """The local days of the demo meetings seeded on `today`."""
    return [data.starts.astimezone(BERLIN).date() for data in demo_inputs(today, BERLIN)]


@pytest.mark.parametrize("year", [2026, 2027, 2030])
def test_no_demo_meeting_on_a_holiday_whatever_day_the_sandbox_starts(year: int) -> None:
    start = date(year, 11, 15)
    for offset in range(80):  # every start from mid-November to early February
        today = start + timedelta(days=offset)
        first, second = local_days(today)
        assert (first.month, first.day) not in HOLIDAYS, today
        assert (second.month, second.day) not in HOLIDAYS, today
        assert today + timedelta(days=7) < first < second <= today + timedelta(days=21), today


def test_an_ordinary_day_keeps_the_usual_distance() -> None:
    assert local_days(date(2026, 10, 1)) == [date(2026, 10, 11), date(2026, 10, 18)]


@pytest.mark.parametrize(
    ("frozen", "expected"),
    [
        # 17 days after 8 December is Christmas Day: the second meeting moves to the 27th
        (datetime(2026, 12, 8, 9, 0, tzinfo=UTC), [date(2026, 12, 18), date(2026, 12, 27)]),
        # 23:30 UTC is already the 15th in Duisburg: 25 December and 1 January are skipped
        (datetime(2026, 12, 14, 23, 30, tzinfo=UTC), [date(2026, 12, 27), date(2027, 1, 2)]),
        # 31 December and 1 January both skipped
        (datetime(2027, 12, 14, 10, 0, tzinfo=UTC), [date(2027, 12, 27), date(2028, 1, 2)]),
    ],
)
async def test_seeding_with_a_frozen_clock_in_december_avoids_the_holidays(
    database_url: str, frozen: datetime, expected: list[date]
) -> None:
    engine = create_engine(database_url)
    plain = Settings(_env_file=None, database_url=database_url)  # type: ignore[call-arg]
    context = DemoContext(
        create_session_factory(engine), FrozenClock(frozen), sandbox_settings(plain),
        DEMO_STAFF.id, build_i18n("de"),
    )  # fmt: skip
    try:
        assert await seed_meetings(context) == 2
        async with context.session_factory() as session:
            stored = list(await session.scalars(select(Meeting).order_by(Meeting.starts_at)))
    finally:
        await engine.dispose()
    assert [m.starts_at.astimezone(BERLIN).date() for m in stored] == expected
