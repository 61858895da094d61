"""The erasure log: every erasure leaves a keyed hash of the Telegram id and its time, nothing
else, so that erasures done after a backup are repeated when that backup is restored.

The key is derived from POLL_SECRET with a purpose label of its own: without it the hash cannot
be tied to a Telegram id (ids are few enough to try them all), and it matches no vote's hash.
An entry covers the account as it was when the erasure happened: a restored resident whose row
was created before the erasure is erased again; one who came back later is left alone.
Entries are pruned after KEPT, longer than any backup may be kept (docs/OPERATIONS.md).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import ErasureLog, User

PURPOSE = b"stadtstimme:erasure-log"
KEPT = timedelta(days=90)


@dataclass(frozen=True)
class Entry:
    """One logged erasure."""

    person_hash: str
    erased_at: datetime


def person_hash(secret: bytes, telegram_id: int) -> str:
    """HMAC-SHA256 of the Telegram id under a key derived from the voters' secret."""
    key = hmac.new(secret, PURPOSE, hashlib.sha256).digest()
    return hmac.new(key, str(telegram_id).encode(), hashlib.sha256).hexdigest()


def record(session: AsyncSession, secret: bytes, telegram_id: int, at: datetime) -> None:
    """Stage the entry; it commits with the erasure it records."""
    session.add(ErasureLog(person_hash=person_hash(secret, telegram_id), erased_at=at))


async def entries(session: AsyncSession) -> list[Entry]:
    """The whole log, oldest first."""
    rows = await session.execute(
        select(ErasureLog.person_hash, ErasureLog.erased_at).order_by(ErasureLog.erased_at)
    )
    return [Entry(row.person_hash, row.erased_at) for row in rows]


async def merge(session: AsyncSession, others: list[Entry]) -> int:
    """Add the entries this log lacks (a restored backup's log is older); how many were added."""
    known = set(await entries(session))
    missing = [entry for entry in others if entry not in known]
    session.add_all(ErasureLog(person_hash=e.person_hash, erased_at=e.erased_at) for e in missing)
    await session.flush()
    return len(missing)


async def erased_since(session: AsyncSession, secret: bytes, log: list[Entry]) -> list[User]:
    """Residents stored here whose account an entry of the log erased (created before it)."""
    latest: dict[str, datetime] = {}
    for entry in log:
        latest[entry.person_hash] = max(
            entry.erased_at, latest.get(entry.person_hash, entry.erased_at)
        )
    if not latest:
        return []
    users = (await session.scalars(select(User).order_by(User.id))).all()
    return [
        user
        for user in users
        if (erased := latest.get(person_hash(secret, user.telegram_id))) is not None
        and user.created_at <= erased
    ]


async def prune(session: AsyncSession, now: datetime) -> None:
    """Forget entries older than KEPT (no backup that old may exist any more)."""
    await session.execute(delete(ErasureLog).where(ErasureLog.erased_at < now - KEPT))
