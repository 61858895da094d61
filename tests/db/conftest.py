"""Fixtures for the database tests."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from db.session import create_engine, create_session_factory


@pytest.fixture
async def session(database_url: str) -> AsyncIterator[AsyncSession]:
    engine = create_engine(database_url)
    async with create_session_factory(engine)() as db_session:
        yield db_session
    await engine.dispose()
