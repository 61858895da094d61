"""Migrations run unchanged on SQLite and PostgreSQL and match the models exactly."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, select

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
