"""FSM storage on our own database, so conversations survive restarts and span processes.

Also: forgetting a person's conversations when the state lives in Redis instead.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, cast

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import BaseStorage, DefaultKeyBuilder, StateType, StorageKey
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from db.repositories import fsm as repo

if TYPE_CHECKING:
    from aiogram.fsm.storage.redis import RedisStorage


def storage_key(key: StorageKey) -> str:
    """The row key of a chat/user's conversation."""
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


def state_name(state: StateType) -> str | None:
    return state.state if isinstance(state, State) else state


async def read_data(session: AsyncSession, key: str) -> dict[str, Any]:
    data = await repo.get_data(session, key)
    return json.loads(data) if data is not None else {}


EMPTY = repo.EMPTY_DATA  # dump_data({})


def dump_data(data: Mapping[str, Any]) -> str:
    return json.dumps(dict(data), ensure_ascii=False)


class DatabaseStorage(BaseStorage):
    """State and data per chat/user in the `fsm_states` table; a short session per call."""

    def __init__(self, session_factory: async_sessionmaker[AsyncSession]) -> None:
        self.session_factory = session_factory

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        """Store the state name (None clears it)."""
        async with self.session_factory() as session:
            await repo.upsert(session, storage_key(key), state=state_name(state))
            await session.commit()

    async def get_state(self, key: StorageKey) -> str | None:
        """The current state name."""
        async with self.session_factory() as session:
            return await repo.get_state(session, storage_key(key))

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        """Replace the stored data."""
        async with self.session_factory() as session:
            await repo.upsert(session, storage_key(key), data=dump_data(data))
            await session.commit()

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        """The stored data (a copy)."""
        async with self.session_factory() as session:
            return await read_data(session, storage_key(key))

    async def close(self) -> None:
        """Nothing to close: sessions are per call."""


class SessionStorage(BaseStorage):
    """The same rows through the update's own session; the person's own row written once.

    While a handler runs, its update may hold a database connection; a second one per FSM call
    could wait for a pool slot that updates in the same position hold. The locked person's own
    state and data are kept here while the handler runs and written by `flush` into the update's
    closing commit (one writing transaction instead of one per change; nothing when nothing
    changed). Other keys (a staff action on someone's conversation) are written at once.
    """

    def __init__(
        self,
        session: AsyncSession,
        own_key: str,
        known_state: str | None,
        known_data: str | None = None,
    ) -> None:
        self.session = session
        self.own_key = own_key
        # As read by the update's first query (data None: no row), and as the handler left them.
        self.stored = (known_state, known_data if known_data is not None else EMPTY)
        self.known_state, self.known_data = self.stored

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        """Set the state name (None clears it)."""
        name, row = state_name(state), storage_key(key)
        if row == self.own_key:
            self.known_state = name
            return
        await repo.upsert(self.session, row, state=name)
        await self.session.commit()

    async def get_state(self, key: StorageKey) -> str | None:
        """The current state name."""
        row = storage_key(key)
        if row == self.own_key:
            return self.known_state
        return await repo.get_state(self.session, row)

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        """Replace the data."""
        dumped, row = dump_data(data), storage_key(key)
        if row == self.own_key:
            self.known_data = dumped
            return
        await repo.upsert(self.session, row, data=dumped)
        await self.session.commit()

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        """The data (a copy)."""
        row = storage_key(key)
        if row == self.own_key:
            loaded: dict[str, Any] = json.loads(self.known_data)
            return loaded
        return await read_data(self.session, row)

    async def flush(self) -> None:
        """Write what changed of the own row into the session (the caller commits)."""
        if (self.known_state, self.known_data) == self.stored:
            return
        if self.known_state is None and self.known_data == EMPTY:
            # No conversation: no row (and none brought back after an erasure in this update).
            await repo.delete(self.session, self.own_key)
        else:
            await repo.upsert(
                self.session, self.own_key, state=self.known_state, data=self.known_data
            )
        self.stored = (self.known_state, self.known_data)

    async def close(self) -> None:
        """The session belongs to the update."""


async def _redis_keys(storage: RedisStorage, telegram_id: int) -> list[str]:
    """The person's conversation keys in Redis (as chat or as user)."""
    builder = storage.key_builder
    assert isinstance(builder, DefaultKeyBuilder), "keys of another layout are not known here"
    person, sep = str(telegram_id), builder.separator
    found = []
    async for raw in storage.redis.scan_iter(match=f"{builder.prefix}{sep}*{person}{sep}*"):
        key = raw.decode() if isinstance(raw, bytes) else str(raw)
        # The pattern also matches longer ids ending in these digits, and a thread id equal to
        # the person's id: only the chat and the user part count.
        if person in _chat_and_user(key.split(sep), builder):
            found.append(key)
    return found


def _chat_and_user(parts: list[str], builder: DefaultKeyBuilder) -> tuple[str, str]:
    """The chat and user parts of a key laid out by aiogram's `DefaultKeyBuilder.build`:
    prefix, [bot id], chat, [thread], user, [destiny], [data/state/lock]."""
    body = parts[1 + int(builder.with_bot_id) :]
    if body and body[-1] in ("data", "state", "lock"):
        body = body[:-1]
    if builder.with_destiny:
        body = body[:-1]
    return (body[0], body[-1]) if body else ("", "")


async def forget_conversations(storage: BaseStorage, telegram_id: int) -> int:
    """Delete a person's conversation keys in Redis (as chat or as user); returns how many.

    In the database the erasure itself deletes them (`personal_data.erase`), so other storages
    are left alone.
    """
    from aiogram.fsm.storage.redis import RedisStorage  # loaded only when needed, as in bot.app

    if not isinstance(storage, RedisStorage):
        return 0
    found = await _redis_keys(storage, telegram_id)
    if found:
        await storage.redis.delete(*found)
    return len(found)


async def conversations_in_redis(storage: BaseStorage, telegram_id: int) -> list[dict[str, Any]]:
    """A person's conversations in Redis, as /mydata shows them ("open_drafts").

    In the database the export reads them itself (`personal_data_account.open_drafts`).
    """
    from aiogram.fsm.storage.redis import RedisStorage

    if not isinstance(storage, RedisStorage):
        return []
    keys = await _redis_keys(storage, telegram_id)
    sep = cast(DefaultKeyBuilder, storage.key_builder).separator  # checked by _redis_keys
    found: dict[str, dict[str, Any]] = {}
    for key in sorted(keys):
        conversation, _, part = key.rpartition(sep)
        if part not in {"state", "data"} or (value := await storage.redis.get(key)) is None:
            continue
        text = value.decode() if isinstance(value, bytes) else str(value)
        entry = found.setdefault(conversation, {"step": None, "entered": {}, "updated": None})
        if part == "state":
            entry["step"] = text
        else:
            entry["entered"] = json.loads(text)
    return [entry for entry in found.values() if entry["step"] or entry["entered"]]


async def forget_in_redis(redis_url: str | None, *telegram_ids: int) -> int:
    """The same outside the Dispatcher (CLI, retention tick): nothing to do without REDIS_URL."""
    if not redis_url or not telegram_ids:
        return 0
    from aiogram.fsm.storage.redis import RedisStorage

    storage = RedisStorage.from_url(redis_url)
    try:
        return sum([await forget_conversations(storage, person) for person in telegram_ids])
    finally:
        await storage.close()
