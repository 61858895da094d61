"""Dashboard sign-in: a link works once, for ten minutes, for its own staff member only, and a
session ends when the role is removed, after eight idle hours, or at logout."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import dashboard_access as access
from bot.services.dashboard_access import LoginRefusal, Visitor
from bot.services.staff import StaffService
from db.models import DashboardLogin, DashboardSession, StaffAudit
from db.session import create_engine, create_session_factory
from tests.db.support import FixedClock

NOW = datetime(2026, 12, 7, 9, tzinfo=UTC)
ADMIN, EDITOR, RESIDENT = 100, 200, 300


async def setup(session: AsyncSession) -> tuple[FixedClock, StaffService]:
    clock = FixedClock(NOW)
    staff = StaffService(session, [ADMIN], clock)
    await staff.set_role(EDITOR, "editor", actor=ADMIN)
    return clock, staff


async def test_a_link_opens_one_session_once_and_is_stored_only_as_a_hash(
    session: AsyncSession,
) -> None:
    clock, staff = await setup(session)
    token = await access.issue_link(session, clock, staff, EDITOR, actor=EDITOR)
    assert token is not None and len(token) >= 40
    stored = (await session.execute(select(DashboardLogin.token_hash))).scalars().all()
    assert stored == [access.digest(token)] and token not in stored
    opened = await access.redeem(session, clock, staff, token)
    assert not isinstance(opened, LoginRefusal)
    cookie, visitor = opened
    assert (visitor.telegram_id, visitor.role) == (EDITOR, "editor")
    assert await access.redeem(session, clock, staff, token) == LoginRefusal.USED
    assert await access.visitor(session, clock, staff, cookie) == visitor
    cookies = (await session.execute(select(DashboardSession.id_hash))).scalars().all()
    assert cookies == [access.digest(cookie)]
    actions = (await session.execute(select(StaffAudit.action))).scalars().all()
    assert {"dashboard.link", "dashboard.login"} <= set(actions)


async def test_residents_get_no_link_and_wrong_or_old_tokens_open_nothing(
    session: AsyncSession,
) -> None:
    clock, staff = await setup(session)
    assert await access.issue_link(session, clock, staff, RESIDENT, actor=RESIDENT) is None
    assert await access.redeem(session, clock, staff, "made-up") == LoginRefusal.UNKNOWN
    token = await access.issue_link(session, clock, staff, ADMIN, actor=ADMIN)
    assert token is not None
    clock.moment = NOW + access.LINK_VALID
    assert await access.redeem(session, clock, staff, token) == LoginRefusal.EXPIRED
    count = select(func.count()).select_from(DashboardSession)
    assert (await session.execute(count)).scalar_one() == 0


async def test_a_link_of_someone_whose_role_was_removed_opens_nothing(
    session: AsyncSession,
) -> None:
    clock, staff = await setup(session)
    token = await access.issue_link(session, clock, staff, EDITOR, actor=EDITOR)
    assert token is not None
    await staff.remove(EDITOR, actor=ADMIN)
    assert await access.redeem(session, clock, staff, token) == LoginRefusal.NOT_STAFF


async def test_a_session_follows_the_role_the_idle_time_and_logout(session: AsyncSession) -> None:
    clock, staff = await setup(session)

    async def signed_in(person: int) -> tuple[str, Visitor]:
        token = await access.issue_link(session, clock, staff, person, actor=person)
        assert token is not None
        opened = await access.redeem(session, clock, staff, token)
        assert not isinstance(opened, LoginRefusal)
        return opened

    cookie, _ = await signed_in(EDITOR)
    await staff.set_role(EDITOR, "moderator", actor=ADMIN)
    now_moderator = await access.visitor(session, clock, staff, cookie)
    assert now_moderator is not None and now_moderator.role == "moderator"
    await staff.remove(EDITOR, actor=ADMIN)
    assert await access.visitor(session, clock, staff, cookie) is None

    cookie, _ = await signed_in(ADMIN)
    clock.moment += access.IDLE_TIMEOUT - timedelta(minutes=1)
    assert await access.visitor(session, clock, staff, cookie) is not None  # used: idle again
    clock.moment += access.IDLE_TIMEOUT - timedelta(minutes=1)
    assert await access.visitor(session, clock, staff, cookie) is not None
    clock.moment += access.IDLE_TIMEOUT
    assert await access.visitor(session, clock, staff, cookie) is None

    cookie, visitor = await signed_in(ADMIN)
    assert access.csrf_matches(visitor, visitor.csrf)
    assert not access.csrf_matches(visitor, None) and not access.csrf_matches(visitor, "x")
    await access.logout(session, cookie)
    assert await access.visitor(session, clock, staff, cookie) is None


async def test_pruning_keeps_only_unused_links_and_sessions_in_use(session: AsyncSession) -> None:
    clock, staff = await setup(session)
    used = await access.issue_link(session, clock, staff, EDITOR, actor=EDITOR)
    assert used is not None
    opened = await access.redeem(session, clock, staff, used)
    assert not isinstance(opened, LoginRefusal)
    fresh = await access.issue_link(session, clock, staff, ADMIN, actor=ADMIN)
    assert await access.prune(session, clock) == 1  # the used link
    clock.moment += access.IDLE_TIMEOUT + timedelta(minutes=1)
    assert await access.prune(session, clock) == 2  # the fresh link expired, the session idle
    assert fresh is not None
    assert await access.redeem(session, clock, staff, fresh) == LoginRefusal.UNKNOWN


async def test_one_link_used_three_times_at_once_opens_one_session(database_url: str) -> None:
    engine = create_engine(database_url)
    sessions = create_session_factory(engine)
    try:
        async with sessions() as session:
            clock, staff = await setup(session)
            token = await access.issue_link(session, clock, staff, EDITOR, actor=EDITOR)
        assert token is not None

        async def use_link() -> tuple[str, Visitor] | LoginRefusal:
            async with sessions() as own:
                return await access.redeem(own, clock, StaffService(own, [ADMIN], clock), token)

        outcomes = await asyncio.gather(use_link(), use_link(), use_link())
        opened = [o for o in outcomes if not isinstance(o, LoginRefusal)]
        assert len(opened) == 1
        assert sorted(o for o in outcomes if isinstance(o, LoginRefusal)) == [
            LoginRefusal.USED,
            LoginRefusal.USED,
        ]
        async with sessions() as session:
            count = select(func.count()).select_from(DashboardSession)
            assert (await session.execute(count)).scalar_one() == 1
    finally:
        await engine.dispose()
