"""Housekeeping forgets old update ids and deletes residents inactive for 24 months."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.services import maintenance
from db.models import ProcessedUpdate, User, UserTopic
from db.session import create_engine, create_session_factory


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.moment = now

    def now(self) -> datetime:
        return self.moment


async def test_prune_and_retention(database_url: str) -> None:
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    engine = create_engine(database_url)
    factory = create_session_factory(engine)
    try:
        async with factory() as session:
            session.add_all(
                [
                    ProcessedUpdate(update_id=1, processed_at=now - timedelta(days=2)),
                    ProcessedUpdate(update_id=2, processed_at=now - timedelta(hours=3)),
                    User(telegram_id=10, last_seen_at=now - timedelta(days=800)),
                    User(telegram_id=11, last_seen_at=now - timedelta(days=30)),
                ]
            )
            await session.flush()
            old = (await session.execute(select(User).where(User.telegram_id == 10))).scalar_one()
            session.add(UserTopic(user_id=old.id, topic="youth"))
            await session.commit()
        clock = FixedClock(now)
        assert await maintenance.prune_processed_updates(factory, clock) == 1
        assert await maintenance.delete_inactive_users(factory, clock) == 1
        async with factory() as session:
            ids = (await session.execute(select(ProcessedUpdate.update_id))).scalars().all()
            users = (await session.execute(select(User.telegram_id))).scalars().all()
            topics = (await session.execute(select(UserTopic))).scalars().all()
        assert (ids, users, topics) == ([2], [11], [])
    finally:
        await engine.dispose()
