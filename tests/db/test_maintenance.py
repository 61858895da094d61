"""Housekeeping: old update ids go; inactive residents are warned, then deleted; old audit goes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.services import audit, maintenance
from bot.services.ideas.card_translation import StaffCard
from bot.services.ideas.erasure import StaffChatTexts
from bot.services.personal_data import rights as personal_data
from bot.services.users import UserService
from db.models import Idea, OutboxMessage, ProcessedUpdate, StaffAudit, User, UserTopic
from db.session import create_engine, create_session_factory
from tests.db.support import FixedClock

STAFF = StaffChatTexts(
    lambda reference: f"{reference} removed",
    StaffCard(lambda idea, shown: {"text": "card"}, "none", "de"),
)


async def test_prune_processed_updates(database_url: str) -> None:
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    engine = create_engine(database_url)
    factory = create_session_factory(engine)
    try:
        async with factory() as session:
            session.add_all([
                ProcessedUpdate(update_id=1, processed_at=now - timedelta(days=2)),
                ProcessedUpdate(update_id=2, processed_at=now - timedelta(hours=3)),
            ])  # fmt: skip
            await session.commit()
        assert await maintenance.prune_processed_updates(factory, FixedClock(now)) == 1
        async with factory() as session:
            assert (await session.execute(select(ProcessedUpdate.update_id))).scalars().all() == [2]
    finally:
        await engine.dispose()


async def test_inactive_residents_are_warned_then_deleted_and_audit_is_pruned(
    database_url: str,
) -> None:
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    clock = FixedClock(now)
    engine = create_engine(database_url)
    factory = create_session_factory(engine)

    async def run() -> maintenance.RetentionResult:
        return await maintenance.retention(
            factory, clock, inactive_months=24, audit_months=12,
            warning=lambda language: f"warning in {language}", default_language="de",
            erasure=personal_data.Erasure(
                b"test", clock, lambda *a: {"text": "x"}, "de", STAFF, "[removed]"
            ),
        )  # fmt: skip

    try:
        async with factory() as session:
            session.add_all([
                User(telegram_id=10, language="tr", last_seen_at=now - timedelta(days=800)),
                User(telegram_id=11, last_seen_at=now - timedelta(days=710)),  # in the window
                User(telegram_id=12, last_seen_at=now - timedelta(days=30)),
                User(telegram_id=13, last_seen_at=now - timedelta(days=800), reachable=False),
            ])  # fmt: skip
            await session.flush()
            old = (await session.execute(select(User).where(User.telegram_id == 10))).scalar_one()
            session.add(UserTopic(user_id=old.id, topic="youth"))
            for age in (400, 10):
                audit.record(session, actor=1, action="staff.add", target=f"staff:{age}",
                             at=now - timedelta(days=age))  # fmt: skip
            await session.commit()

        assert await run() == maintenance.RetentionResult(warned=3, deleted=0, audit_pruned=1)
        async with factory() as session:
            rows = (await session.execute(select(OutboxMessage))).scalars().all()
            targets = (await session.execute(select(StaffAudit.target))).scalars().all()
        warnings = {row.chat_id: json.loads(row.payload or "{}")["text"] for row in rows}
        assert warnings == {10: "warning in tr", 11: "warning in de"}  # 13 blocked the bot
        assert targets == ["staff:10"]
        assert await run() == maintenance.RetentionResult(warned=0, deleted=0, audit_pruned=0)

        clock.moment = now + timedelta(days=29)
        async with factory() as session:  # 11 comes back: the deletion is off for them
            await UserService(session, clock).load_or_create(11, "de")
        clock.moment = now + timedelta(days=31)
        assert await run() == maintenance.RetentionResult(warned=0, deleted=2, audit_pruned=0)
        async with factory() as session:
            users = (await session.execute(select(User.telegram_id))).scalars().all()
            topics = (await session.execute(select(UserTopic))).scalars().all()
        assert (sorted(users), topics) == ([11, 12], [])
    finally:
        await engine.dispose()


async def test_retention_erases_published_ideas_too_and_names_whom_it_erased(
    database_url: str,
) -> None:
    """Unlike /delete, nobody chose to keep their published ideas: they go with the person. The
    erased Telegram ids go back to the scheduler, which forgets their conversations in Redis."""
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    clock = FixedClock(now)
    engine = create_engine(database_url)
    factory = create_session_factory(engine)
    try:
        async with factory() as session:
            gone = User(telegram_id=10, last_seen_at=now - timedelta(days=800),
                        retention_warned_at=now - timedelta(days=31))  # fmt: skip
            stays = User(telegram_id=12, last_seen_at=now - timedelta(days=30))
            session.add_all([gone, stays])
            await session.flush()
            for number, user in ((1, gone), (2, stays)):
                session.add(Idea(reference=f"I-2026-{number:04d}", year=2026, number=number,
                                 topic="environment", district="mitte", text="Mehr Bänke",
                                 user_id=user.id, status="published", created_at=now))  # fmt: skip
            await session.commit()
        result = await maintenance.retention(
            factory, clock, inactive_months=24, audit_months=12,
            warning=lambda language: "warning", default_language="de",
            erasure=personal_data.Erasure(
                b"test", clock, lambda *a: {"text": "x"}, "de", STAFF, "[removed]"
            ),
        )  # fmt: skip
        assert (result.deleted, result.erased) == (1, (10,))
        async with factory() as session:
            ideas = (await session.execute(select(Idea.reference))).scalars().all()
        assert ideas == ["I-2026-0002"]
    finally:
        await engine.dispose()
