"""Migrations run unchanged on SQLite and PostgreSQL and match the models exactly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select, text

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
        assert german == {"participation", "how-it-works", "contact", "privacy"}
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
