"""The staff audit log: each staff use case records itself in its own transaction."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from db.models import StaffAudit
from db.repositories import audit as repo

# Actors without a Telegram id: the operator at the shell, and the bot itself.
CLI_OPERATOR = 0
SYSTEM = -1


def _json(value: object) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def record(
    session: AsyncSession,
    *,
    actor: int,
    action: str,
    target: str,
    at: datetime,
    before: object = None,
    after: object = None,
) -> None:
    """Stage an entry; the caller's commit writes it together with the change it describes."""
    repo.add(
        session,
        StaffAudit(
            actor=actor, action=action, target=target[:64], before=_json(before),
            after=_json(after), created_at=at,
        ),
    )  # fmt: skip
