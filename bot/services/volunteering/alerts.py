"""Notices of new opportunities: a resident's opt-in, and who hears of a newly published one.

A subscriber hears of an opportunity when all three match: the district (the resident's own,
the whole city, or any when the profile names none), the topics (one in common, or either side
names none) and the languages (the team speaks one the resident reads: the interface's or
Telegram's). One notice per opportunity and person (dedupe key), sent through the outbox.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox import NOTICE, enqueue
from bot.services.clock import Clock
from bot.services.locale import base_language, content_language, resolve_language
from bot.services.volunteering.opportunities import CITY, languages_of, topics_of
from db.models import User, UserTopic, VolunteerAlert, VolunteerOpportunity, VolunteerOrg

KEY_PREFIX = "volunteer:alert:"

# The sendMessage parameters of one notice: opportunity, organisation, interface language.
AlertRenderer = Callable[[VolunteerOpportunity, VolunteerOrg, str], dict[str, Any]]


async def is_on(session: AsyncSession, user: User) -> bool:
    """Whether the resident asked for notices of new opportunities."""
    return await session.get(VolunteerAlert, user.id) is not None


async def switch(session: AsyncSession, clock: Clock, user: User, on: bool) -> None:
    """Opt in or out (pressing an old button again changes nothing)."""
    if on and not await is_on(session, user):
        session.add(VolunteerAlert(user_id=user.id, created_at=clock.now()))
    elif not on:
        await session.execute(delete(VolunteerAlert).where(VolunteerAlert.user_id == user.id))
    await session.commit()


def reads(user: User, default: str) -> set[str]:
    """The content languages a resident reads: the interface's and Telegram's."""
    interface = resolve_language(user.language, user.telegram_language, default)
    found = {content_language(interface)}
    telegram = base_language(user.telegram_language)
    return found | {content_language(telegram)} if telegram else found


def matches(opportunity: VolunteerOpportunity, user: User, topics: set[str], default: str) -> bool:
    """District, topics and languages of the opportunity fit the resident."""
    place = opportunity.district in (CITY, user.district) or not user.district
    wanted = set(topics_of(opportunity))
    topical = not wanted or not topics or bool(wanted & topics)
    return place and topical and bool(set(languages_of(opportunity)) & reads(user, default))


async def _subscribers(session: AsyncSession) -> list[tuple[User, set[str]]]:
    """Reachable subscribers with their profile topics."""
    query = (
        select(User)
        .join(VolunteerAlert, VolunteerAlert.user_id == User.id)
        .where(User.reachable.is_(True))
        .order_by(User.id)
    )
    users = list((await session.scalars(query)).all())
    topics: dict[int, set[str]] = {user.id: set() for user in users}
    if users:
        rows = await session.execute(
            select(UserTopic.user_id, UserTopic.topic).where(UserTopic.user_id.in_(topics))
        )
        for user_id, topic in rows.all():
            topics[user_id].add(topic)
    return [(user, topics[user.id]) for user in users]


async def notify(
    session: AsyncSession, clock: Clock, opportunity: VolunteerOpportunity, org: VolunteerOrg,
    render: AlertRenderer, default: str,
) -> int:  # fmt: skip
    """Queue the notice for every matching subscriber (in the caller's transaction)."""
    told = 0
    for user, topics in await _subscribers(session):
        if not matches(opportunity, user, topics, default):
            continue
        language = resolve_language(user.language, user.telegram_language, default)
        told += await enqueue(
            session, chat_id=user.telegram_id, method="sendMessage", user_id=user.id,
            params=render(opportunity, org, language), priority=NOTICE, now=clock.now(),
            dedupe_key=f"{KEY_PREFIX}{opportunity.id}:{user.id}",
        )  # fmt: skip
    return told
