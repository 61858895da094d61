"""For `db copy` tests: a fresh PostgreSQL database of their own, and a row in every table.

The database is created beside the shared `test` database and dropped afterwards, so a copy
never meets other tests' tables. Without PostgreSQL on 127.0.0.1:5432 the tests skip, unless
REQUIRE_POSTGRES is set (CI): then that is a failure.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncSession, create_async_engine

from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.personal_data import erasure_log
from bot.services.polls.votes import voter_key
from db.models import (
    Base,
    BudgetCode,
    BudgetProcess,
    BudgetProject,
    BudgetUpdate,
    Campaign,
    CampaignText,
    DashboardLogin,
    DashboardSession,
    Idea,
    Meeting,
    MeetingOutcome,
    Poll,
    PollVote,
    ProcessedUpdate,
    SenderLease,
    StaffMember,
    StaffTopic,
    TranslationFailure,
    User,
    YouthGroup,
)
from tests.db.personal_data_support import NOW, VOTER_SECRET, planter

ADMIN_URL = (
    os.environ.get("TEST_DATABASE_URL") or "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)


def postgres_answers() -> bool:
    url = make_url(ADMIN_URL)
    try:
        socket.create_connection((url.host or "127.0.0.1", url.port or 5432), timeout=2).close()
    except OSError:
        return False
    return True


async def _admin(sql: str) -> None:
    engine = create_async_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(sql))
    finally:
        await engine.dispose()


@asynccontextmanager
async def fresh_postgres() -> AsyncIterator[str]:
    """A new, empty PostgreSQL database (no schema), as a plain postgresql:// URL."""
    if not postgres_answers():
        if os.environ.get("REQUIRE_POSTGRES"):
            pytest.fail(f"REQUIRE_POSTGRES is set but no PostgreSQL answers at {ADMIN_URL}")
        pytest.skip("no PostgreSQL on 127.0.0.1:5432 (TEST_DATABASE_URL)")
    name = f"stadtstimme_copy_{uuid.uuid4().hex[:10]}"
    await _admin(f'CREATE DATABASE "{name}"')
    try:
        url = make_url(ADMIN_URL).set(drivername="postgresql", database=name)
        yield url.render_as_string(hide_password=False)
    finally:
        await _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def plant_everything(session: AsyncSession, people: list[User]) -> None:
    """Rows for each person in every table /mydata covers, then the staff side's tables."""
    from tests.db.personal_data_support import ALL_SECTIONS

    for person in people:
        for column in {column for section in ALL_SECTIONS for column in section.covers}:
            plant = planter(column)
            assert plant is not None, column
            await plant(session, person)
        await session.commit()
    await _plant_staff_side(session, people[0])


async def _plant_staff_side(session: AsyncSession, person: User) -> None:
    campaign = Campaign(created_by=4242, audience='{"districts": ["mitte"]}', total=2)
    process = BudgetProcess(title='{"de": "Bürgerhaushalt Walsum"}', budget=90_000, created_by=0)
    poll = Poll(created_by=4242, closes_at=NOW + timedelta(days=3), option_count=2, status="open")
    session.add_all([campaign, process, poll])
    await session.flush()
    session.add_all([
        CampaignText(campaign_id=campaign.id, language="de", text="Stadtfest am Samstag!"),
        BudgetCode(process_id=process.id, digest=f"{7:064x}"),
        PollVote(poll_id=poll.id, voter=voter_key(VOTER_SECRET, poll.id, person.telegram_id),
                 choices=1, language="de", district="mitte"),
        DashboardLogin(token_hash=f"{1:064x}", telegram_id=4242, expires_at=NOW),
        DashboardSession(id_hash=f"{2:064x}", telegram_id=4242, csrf="c" * 32, created_at=NOW,
                         last_seen_at=NOW),
        ProcessedUpdate(update_id=900_001),
        SenderLease(name="sender", holder="old-host:1", expires_at=NOW),
        StaffMember(telegram_id=4242, role="editor"),
        StaffTopic(chat_id=-100_555, name="ideas", thread_id=17),
        YouthGroup(chat_id=-100_777, title="Jugendzentrum Hamborn"),
    ])  # fmt: skip
    # What staff wrote after a meeting, and a translation the provider refused for an idea.
    meeting_id = await session.scalar(select(Meeting.id).limit(1))
    idea_id = await session.scalar(select(Idea.id).limit(1))
    assert meeting_id is not None and idea_id is not None  # planted by /mydata's planters
    session.add_all([
        MeetingOutcome(meeting_id=meeting_id, texts='{"de": "Drei Bänke am Rhein kommen."}',
                       public=True, sent_at=NOW, updated_at=NOW),
        TranslationFailure(idea_id=idea_id, target="de", provider="libretranslate", attempts=2,
                           next_try_at=NOW + timedelta(minutes=4)),
    ])  # fmt: skip
    # A funded project's implementation news (the project and its process belong to nobody).
    project = BudgetProject(process_id=process.id, code="W-01", cost=10_000,
                            title='{"de": "Bänke am Rhein"}', status="planned")  # fmt: skip
    session.add(project)
    await session.flush()
    news = '{"de": "Die Bänke werden aufgestellt."}'
    session.add(
        BudgetUpdate(project_id=project.id, status="in_progress", text=news, created_at=NOW)
    )
    audit.record(session, actor=4242, action=AuditAction.USER_DELETE, target="user:99", at=NOW)
    erasure_log.record(session, VOTER_SECRET, 9_999_999, NOW)  # someone erased earlier
    await session.commit()


async def empty_tables(session: AsyncSession) -> list[str]:
    """Tables without a row (a new table fails the copy test until it is planted above)."""
    return [
        table.name
        for table in Base.metadata.sorted_tables
        if not await session.scalar(select(func.count()).select_from(table))
    ]
