"""A fresh, migrated PostgreSQL database for bench/updates.py."""

from __future__ import annotations

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from db import migrate

NAME = "bench_updates"


async def fresh_postgres_url(admin_url: str) -> str:
    """Drop and create the bench database, migrate it, and return its URL (asyncpg)."""
    admin = make_url(admin_url).set(drivername="postgresql+asyncpg")
    engine = create_async_engine(admin, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{NAME}" WITH (FORCE)')
        await connection.exec_driver_sql(f'CREATE DATABASE "{NAME}"')
    await engine.dispose()
    url = admin.set(database=NAME)
    target = create_async_engine(url)
    await migrate.upgrade(target)
    await target.dispose()
    return url.render_as_string(hide_password=False)
