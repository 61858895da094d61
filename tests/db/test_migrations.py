"""Migrations run unchanged on SQLite and PostgreSQL and match the models exactly."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text
from sqlalchemy.exc import DBAPIError

from db import migrate
from db.models import Base, InfoPage
from db.session import create_engine, create_session_factory


async def test_upgrade_downgrade_upgrade_round_trip(empty_database_url: str) -> None:
    engine = create_engine(empty_database_url)
    try:
        await migrate.upgrade(engine)
        assert await migrate.is_up_to_date(engine)
        await migrate.downgrade(engine, "base")
        async with engine.connect() as connection:
            tables = await connection.run_sync(lambda c: inspect(c).get_table_names())
        assert set(tables) <= {"alembic_version"}
        await migrate.upgrade(engine)
        assert await migrate.current_revision(engine) == migrate.head_revision()
    finally:
        await engine.dispose()


async def test_autogenerate_finds_no_difference(empty_database_url: str) -> None:
    engine = create_engine(empty_database_url)
    try:
        await migrate.upgrade(engine)
        async with engine.connect() as connection:
            diff = await connection.run_sync(
                lambda c: compare_metadata(
                    MigrationContext.configure(c, opts={"compare_type": True}), Base.metadata
                )
            )
        assert diff == []
    finally:
        await engine.dispose()


async def test_seeded_info_pages_have_german_versions(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            pages = (await session.execute(select(InfoPage))).scalars().all()
        german = {p.slug for p in pages if p.language == "de"}
        # Privacy is rendered from the code since 0022, not stored; 0033 adds recognition.
        assert german == {"participation", "how-it-works", "contact", "volunteering-recognition"}
        contact = next(p for p in pages if p.slug == "contact" and p.language == "de")
        assert "0203 94000" in contact.body
        assert "duisburg2027@stadt-duisburg.de" in contact.body
    finally:
        await engine.dispose()


async def test_upgrading_keeps_ideas_and_their_supports(empty_database_url: str) -> None:
    engine = create_engine(empty_database_url)
    try:
        await migrate.upgrade(engine, "0004")
        async with engine.begin() as connection:
            for statement in (
                "INSERT INTO users (id, telegram_id, privacy_version, onboarded, language_offers,"
                " announcements, reachable, created_at, last_seen_at)"
                " VALUES (1, 4711, 1, true, '', true, true, '2026-01-01', '2026-01-01')",
                "INSERT INTO ideas (id, reference, year, number, user_id, topic, district, text,"
                " status, hidden, photos, created_at, updated_at)"
                " VALUES (1, 'I-2026-0001', 2026, 1, 1, 'transport', 'walsum', 'Mehr Busse',"
                " 'published', false, '[]', '2026-01-01', '2026-01-01')",
                "INSERT INTO idea_supports (idea_id, user_id, created_at)"
                " VALUES (1, 1, '2026-01-02')",
            ):
                await connection.execute(text(statement))
        await migrate.upgrade(engine)
        async with engine.connect() as connection:
            supports = (
                await connection.execute(text("SELECT count(*) FROM idea_supports"))
            ).scalar()
            foreign_keys = (
                (await connection.execute(text("PRAGMA foreign_keys"))).scalar()
                if (engine.dialect.name == "sqlite")
                else 1
            )
        assert supports == 1 and foreign_keys == 1
    finally:
        await engine.dispose()


async def test_upgrading_keeps_votes_but_not_when_or_in_which_order_they_came(
    empty_database_url: str,
) -> None:
    engine = create_engine(empty_database_url)
    try:
        await migrate.upgrade(engine, "0008")
        async with engine.begin() as connection:
            for statement in (
                "INSERT INTO polls (id, created_by, created_at, starts_at, closes_at, status,"
                " multiple, show_results, push_results, option_count, audience)"
                " VALUES (1, 0, '2026-01-01', '2026-01-01', '2026-02-01', 'open', false, true,"
                " false, 2, '{}')",
                "INSERT INTO poll_votes (poll_id, voter, choices, language, voted_at)"
                " VALUES (1, 'ff', 1, 'de', '2026-01-02 10:00:00'),"
                " (1, '00', 2, 'tr', '2026-01-02 10:01:00')",
                "INSERT INTO outbox (chat_id, method, payload, priority, not_before, status,"
                " attempts, dedupe_key, created_at) VALUES"
                " (4711, 'sendMessage', '{}', 5, '2026-01-02', 'sent', 0, 'pollthanks:7',"
                " '2026-01-02 10:00:00'),"
                " (4711, 'sendMessage', '{}', 5, '2026-01-02', 'sent', 0, 'm:1', '2026-01-02')",
            ):
                await connection.execute(text(statement))
        await migrate.upgrade(engine)
        async with engine.connect() as connection:
            columns = await connection.run_sync(
                lambda c: {col["name"] for col in inspect(c).get_columns("poll_votes")}
            )
            votes = (await connection.execute(text("SELECT * FROM poll_votes"))).all()
            keys = (await connection.execute(text("SELECT dedupe_key FROM outbox"))).scalars()
            assert set(keys) == {"m:1"}  # the thank-you to a voter is gone, the rest stays
            if engine.dialect.name == "sqlite":
                # Stored by key (voter HMAC) only: no rowid keeps the order of voting.
                table = "SELECT sql FROM sqlite_master WHERE name = 'poll_votes'"
                assert "WITHOUT ROWID" in (await connection.execute(text(table))).scalar_one()
                with pytest.raises(DBAPIError):
                    await connection.execute(text("SELECT rowid FROM poll_votes"))
        assert "voted_at" not in columns
        assert sorted((v.voter, v.choices, v.language) for v in votes) == [
            ("00", 2, "tr"),
            ("ff", 1, "de"),
        ]
    finally:
        await engine.dispose()
