"""Youth group statuses are an enum whose values are exactly what the table already stores."""

from __future__ import annotations

from bot.i18n import build_i18n
from db.models import YouthGroup, YouthGroupStatus
from handlers.groups.chat import group_text


def test_the_stored_values_stay_the_same() -> None:
    assert [s.value for s in YouthGroupStatus] == ["pending", "approved", "declined", "removed"]


def test_a_status_read_back_as_text_still_picks_the_right_line() -> None:
    # Rows come back from the database as plain strings.
    with build_i18n("en").context():
        approved, pending, declined = (
            group_text(YouthGroup(status=status)) for status in ("approved", "pending", "declined")
        )
    assert "registered: city polls arrive here" in approved
    assert "already waiting" in pending
    assert "/register" in declined and "/language" not in declined
