"""An erasure leaves a log entry that finds the person again in a restored backup (created before
the erasure), and nobody else there."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ideas.card_translation import StaffCard
from bot.services.ideas.erasure import StaffChatTexts
from bot.services.personal_data import erasure_log
from bot.services.personal_data import rights as personal_data
from db.models import User
from tests.db.support import FixedClock

NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)
STAFF = StaffChatTexts(
    lambda reference: f"{reference} removed",
    StaffCard(lambda idea, shown: {"text": "card"}, "none", "de"),
)


async def test_the_log_finds_the_erased_person_in_a_restored_backup(session: AsyncSession) -> None:
    person = User(telegram_id=7101, created_at=NOW - timedelta(days=9))
    session.add(person)
    await session.commit()
    how = personal_data.Erasure(
        b"k", FixedClock(NOW), lambda *a: {"text": "x"}, "de", STAFF, "[removed]"
    )
    await personal_data.erase(session, person, how, keep_public_ideas=False)
    log = await erasure_log.entries(session)
    # The backup from before the erasure comes back: the person and a neighbour.
    session.add_all([User(telegram_id=7101, created_at=NOW - timedelta(days=9)),
                     User(telegram_id=7102, created_at=NOW - timedelta(days=9))])  # fmt: skip
    await session.commit()
    found = await erasure_log.erased_since(session, b"k", log)
    assert [user.telegram_id for user in found] == [7101]
