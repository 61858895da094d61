"""Putting messages into the outbox (one row each, deduplicated); no Telegram calls here."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import Select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import OutboxMessage, OutboxPriority, OutboxStatus

# Higher goes first: reminders beat status notices beat announcements.
ANNOUNCEMENT = OutboxPriority.ANNOUNCEMENT
NOTICE = OutboxPriority.NOTICE
REMINDER = OutboxPriority.REMINDER


def _insert(session: AsyncSession) -> Any:
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    return pg_insert if dialect == "postgresql" else sqlite_insert


async def insert_ignoring_duplicates(
    session: AsyncSession, columns: list[str], rows: Select[Any]
) -> None:
    """INSERT … SELECT into the outbox, skipping rows whose dedupe key is already queued."""
    statement = _insert(session)(OutboxMessage).from_select(columns, rows)
    await session.execute(statement.on_conflict_do_nothing(index_elements=["dedupe_key"]))


async def enqueue(
    session: AsyncSession,
    *,
    chat_id: int,
    method: str,
    params: dict[str, Any],
    dedupe_key: str,
    now: datetime,
    user_id: int | None = None,
    priority: OutboxPriority = ANNOUNCEMENT,
    not_before: datetime | None = None,
    expires_at: datetime | None = None,
    language: str | None = None,
) -> bool:
    """Queue one message (not committed: part of the caller's transaction); False if known."""
    values = {
        "language": language,
        "chat_id": chat_id, "user_id": user_id, "method": method,
        "payload": json.dumps(params, ensure_ascii=False), "priority": priority,
        "not_before": not_before or now, "expires_at": expires_at, "status": OutboxStatus.PENDING,
        "attempts": 0, "dedupe_key": dedupe_key, "created_at": now,
    }  # fmt: skip
    statement = _insert(session)(OutboxMessage).values(**values)
    result = await session.execute(statement.on_conflict_do_nothing(index_elements=["dedupe_key"]))
    return bool(getattr(result, "rowcount", 0))


def row(
    *,
    chat_id: int,
    method: str,
    payload: str,
    dedupe_key: str,
    now: datetime,
    user_id: int | None = None,
    priority: OutboxPriority = ANNOUNCEMENT,
    not_before: datetime | None = None,
    expires_at: datetime | None = None,
) -> dict[str, Any]:
    """The values of one outbox row for `enqueue_many` (payload already JSON)."""
    return {
        "chat_id": chat_id, "user_id": user_id, "method": method, "payload": payload,
        "priority": priority, "not_before": not_before or now, "expires_at": expires_at,
        "status": OutboxStatus.PENDING, "attempts": 0, "dedupe_key": dedupe_key, "created_at": now,
    }  # fmt: skip


async def enqueue_many(session: AsyncSession, rows: list[dict[str, Any]]) -> None:
    """Queue many rows in one statement (part of the caller's transaction); known keys skipped."""
    if rows:
        statement = _insert(session)(OutboxMessage).on_conflict_do_nothing(
            index_elements=["dedupe_key"]
        )
        await session.execute(statement, rows)
