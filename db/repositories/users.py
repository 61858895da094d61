"""Queries on residents and their topics."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import User, UserTopic


async def get_by_telegram_id(session: AsyncSession, telegram_id: int) -> User | None:
    """The resident with this Telegram id, if known."""
    result = await session.execute(select(User).where(User.telegram_id == telegram_id))
    return result.scalar_one_or_none()


async def add(
    session: AsyncSession, telegram_id: int, telegram_language: str | None = None
) -> User:
    """Insert a new resident and flush to get its id."""
    user = User(telegram_id=telegram_id, telegram_language=telegram_language)
    session.add(user)
    await session.flush()
    return user


async def topics_of(session: AsyncSession, user_id: int) -> list[str]:
    """The topics a resident chose, sorted."""
    result = await session.execute(
        select(UserTopic.topic).where(UserTopic.user_id == user_id).order_by(UserTopic.topic)
    )
    return list(result.scalars())


async def replace_topics(session: AsyncSession, user_id: int, topics: set[str]) -> None:
    """Set a resident's topics to exactly these."""
    await session.execute(delete(UserTopic).where(UserTopic.user_id == user_id))
    session.add_all(UserTopic(user_id=user_id, topic=t) for t in sorted(topics))


async def remove(session: AsyncSession, user: User) -> None:
    """Delete a resident and, through cascades, everything linked to them."""
    await session.execute(delete(UserTopic).where(UserTopic.user_id == user.id))
    await session.delete(user)
