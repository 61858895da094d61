"""Queries on the outbox: claim due rows, record outcomes, recover abandoned claims."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import Campaign, CampaignStatus, OutboxMessage, OutboxStatus, User


async def claim_due(
    session: AsyncSession, now: datetime, lease_until: datetime, limit: int
) -> list[OutboxMessage]:
    """Mark up to `limit` due rows as sending (highest priority first) and return them.

    Announcement rows whose campaign was cancelled, or whose recipient has switched
    announcements off since they were queued, are marked cancelled instead: a retry after a
    429 or a crash must not send them. So are rows past their `expires_at` (a meeting
    reminder once the meeting has started).
    """
    cancelled_campaign = (
        select(Campaign.id)
        .where(
            Campaign.id == OutboxMessage.campaign_id, Campaign.status == CampaignStatus.CANCELLED
        )
        .exists()
    )
    opted_out = (
        select(User.id)
        .where(User.id == OutboxMessage.user_id, User.announcements.is_(False))
        .exists()
    )
    expired = OutboxMessage.expires_at.is_not(None) & (OutboxMessage.expires_at <= now)
    drop = (OutboxMessage.campaign_id.is_not(None) & (cancelled_campaign | opted_out)) | expired
    due = (
        select(OutboxMessage, drop)
        .where(OutboxMessage.status == OutboxStatus.PENDING, OutboxMessage.not_before <= now)
        .order_by(OutboxMessage.priority.desc(), OutboxMessage.not_before, OutboxMessage.id)
        .limit(limit)
        # PostgreSQL; SQLite has one writer anyway.
        .with_for_update(skip_locked=True, of=OutboxMessage)
    )
    claimed = (await session.execute(due)).all()
    rows = [row for row, dropped in claimed if not dropped]
    dropped_ids = [row.id for row, dropped in claimed if dropped]
    if rows:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_([row.id for row in rows]))
            .values(status=OutboxStatus.SENDING, lease_until=lease_until)
        )
    if dropped_ids:
        await session.execute(
            update(OutboxMessage)
            .where(OutboxMessage.id.in_(dropped_ids))
            .values(
                status=OutboxStatus.CANCELLED, lease_until=None, last_error="not wanted any more"
            )
        )
    return rows


async def release_sending(session: AsyncSession, now: datetime, *, all_rows: bool) -> int:
    """Put claimed rows back to pending: expired leases, or all of them (a new sole sender)."""
    condition = OutboxMessage.status == OutboxStatus.SENDING
    if not all_rows:
        condition = condition & (OutboxMessage.lease_until < now)
    result = await session.execute(
        update(OutboxMessage).where(condition).values(status=OutboxStatus.PENDING, lease_until=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


async def release_claims(session: AsyncSession, ids: list[int]) -> None:
    """Claimed rows that were never sent go back to pending; cancelled campaigns' rows end."""
    if not ids:
        return
    claimed = OutboxMessage.id.in_(ids) & (OutboxMessage.status == OutboxStatus.SENDING)
    cancelled = OutboxMessage.campaign_id.in_(
        select(Campaign.id).where(Campaign.status == CampaignStatus.CANCELLED)
    )
    await session.execute(
        update(OutboxMessage)
        .where(claimed & cancelled)
        .values(status=OutboxStatus.CANCELLED, lease_until=None, last_error="campaign cancelled")
    )
    await session.execute(
        update(OutboxMessage).where(claimed).values(status=OutboxStatus.PENDING, lease_until=None)
    )


async def apply_updates(session: AsyncSession, changes: list[dict[str, Any]]) -> None:
    """Write many per-row outcomes at once (each dict has the row `id`).

    Core UPDATEs, not the ORM's bulk update by primary key: a row erased with its person
    while it was under way (`personal_data.erase`) simply has nothing to update, where the
    ORM would raise StaleDataError and lose every other row's outcome in the batch."""
    by_keys: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for change in changes:
        by_keys.setdefault(tuple(sorted(change)), []).append(change)
    table = cast(Table, OutboxMessage.__table__)
    statement = update(table).where(table.c.id == bindparam("row_id"))
    for group in by_keys.values():
        params = [{"row_id": change["id"]} | _without_id(change) for change in group]
        await session.execute(statement, params)


async def existing(session: AsyncSession, ids: list[int]) -> set[int]:
    """Which of these rows are still there, locked until commit (PostgreSQL) so an erasure
    removing them waits for the caller's writes and then finds them."""
    query = select(OutboxMessage.id).where(OutboxMessage.id.in_(ids)).with_for_update()
    return set((await session.execute(query)).scalars())


def _without_id(change: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in change.items() if key != "id"}


async def delete_rows(session: AsyncSession, ids: list[int]) -> None:
    """Forget finished rows that must not stay (messages to voters about their vote)."""
    await session.execute(delete(OutboxMessage).where(OutboxMessage.id.in_(ids)))


async def delete_pending_with_keys(
    session: AsyncSession, chat_id: int, prefixes: tuple[str, ...]
) -> None:
    """Drop one chat's pending rows whose dedupe key starts with one of the prefixes."""
    await session.execute(
        delete(OutboxMessage).where(
            OutboxMessage.chat_id == chat_id,
            OutboxMessage.status == OutboxStatus.PENDING,
            or_(*(OutboxMessage.dedupe_key.startswith(p, autoescape=True) for p in prefixes)),
        )
    )


async def mark_chat_unreachable(session: AsyncSession, chat_id: int, now: datetime) -> int:
    """The person blocked the bot: flag them and drop their pending messages."""
    await session.execute(update(User).where(User.telegram_id == chat_id).values(reachable=False))
    result = await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.chat_id == chat_id, OutboxMessage.status == OutboxStatus.PENDING)
        .values(status=OutboxStatus.CANCELLED, error_code=403, last_error="unreachable")
    )
    return int(getattr(result, "rowcount", 0) or 0)
