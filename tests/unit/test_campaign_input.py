"""What staff type into the wizard: one text version and a local sending time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.services.campaigns.input import check_text, parse_send_time
from bot.services.campaigns.lifecycle import CampaignError

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def test_local_times_become_utc_across_daylight_saving() -> None:
    assert parse_send_time("01.12.2026 18:00", BERLIN, NOW) == datetime(2026, 12, 1, 17, tzinfo=UTC)
    summer = parse_send_time(" 2027-07-15  18:00 ", BERLIN, NOW)
    assert summer == datetime(2027, 7, 15, 16, tzinfo=UTC)
    assert parse_send_time("25.11.2026 13:30", BERLIN, NOW) - NOW == timedelta(minutes=30)
    # 02:30 happens twice when the clocks go back; the first (still summer time) is meant.
    twice = parse_send_time("31.10.2027 02:30", BERLIN, NOW)
    assert twice == datetime(2027, 10, 31, 0, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("25.11.2026 12:59", "in_past"),
        ("25.11.2026 13:00", "in_past"),  # exactly now
        ("31.02.2027 10:00", "bad_date"),
        ("01.12.2026", "bad_date"),
        ("tomorrow 18:00", "bad_date"),
        ("", "bad_date"),
        ("28.03.2027 02:30", "clock_change"),  # the clocks jump from 02:00 to 03:00
    ],
)
def test_bad_or_past_times_are_refused(text: str, code: str) -> None:
    with pytest.raises(CampaignError) as error:
        parse_send_time(text, BERLIN, NOW)
    assert error.value.code == code


def test_text_limits_count_visible_characters() -> None:
    check_text("<b>" + "x" * 4096 + "</b>", caption=False)
    with pytest.raises(CampaignError) as error:
        check_text("x" * 1030, caption=True)
    assert (error.value.code, error.value.details["over"]) == ("too_long", 6)
    with pytest.raises(CampaignError) as error:
        check_text('<a href="ftp://example.org">Plan</a>', caption=False)
    assert error.value.code == "invalid_html"
    with pytest.raises(CampaignError) as error:
        check_text("  ", caption=True)
    assert error.value.code == "empty"
