"""FSM storage on our own database, so conversations survive restarts and span processes."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, StateType, StorageKey
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.models import FsmRecord
from db.repositories import fsm as repo
from db.types import utcnow


class DatabaseStorage(BaseStorage):
    """State and data per chat/user in the `fsm_states` table."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self.session_factory = session_factory

    @staticmethod
    def _key(key: StorageKey) -> str:
        return ":".join(
            str(part)
            for part in (
                key.bot_id,
                key.chat_id,
                key.user_id,
                key.thread_id or "",
                key.business_connection_id or "",
                key.destiny,
            )
        )

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        """Store the state name (None clears it)."""
        name = state.state if isinstance(state, State) else state
        await self._upsert(self._key(key), state=name)

    async def get_state(self, key: StorageKey) -> str | None:
        """The current state name."""
        async with self.session_factory() as session:
            return await repo.get_state(session, self._key(key))

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        """Replace the stored data."""
        await self._upsert(self._key(key), data=json.dumps(dict(data), ensure_ascii=False))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        """The stored data (a copy)."""
        async with self.session_factory() as session:
            record = await repo.get(session, self._key(key))
        return json.loads(record.data) if record is not None else {}

    async def close(self) -> None:
        """Nothing to close: sessions are per call."""

    async def _upsert(self, key: str, **values: Any) -> None:
        async with self.session_factory() as session:
            dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
            insert = pg_insert if dialect == "postgresql" else sqlite_insert
            row = {"key": key, "state": None, "data": "{}", "updated_at": utcnow(), **values}
            statement = insert(FsmRecord).values(**row)
            statement = statement.on_conflict_do_update(
                index_elements=[FsmRecord.key], set_={**values, "updated_at": row["updated_at"]}
            )
            await session.execute(statement)
            await session.commit()
