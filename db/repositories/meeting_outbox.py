"""Queries on a meeting's reminders that already wait in the outbox."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from db.models import MeetingReminder, OutboxMessage, OutboxStatus, ReminderStatus, User


def reminder_key(meeting_id: int, reminder_id: int) -> str:
    """The outbox dedupe key of one reminder (as `move_due` writes it)."""
    return f"meeting:{meeting_id}:rem:{reminder_id}"


async def queued_reminders(
    session: AsyncSession, meeting_id: int
) -> list[tuple[MeetingReminder, User, OutboxMessage]]:
    """Reminders moved to the outbox and not claimed by the sender yet (their rows locked)."""
    reminders = (
        await session.execute(
            select(MeetingReminder, User)
            .join(User, User.id == MeetingReminder.user_id)
            .where(
                MeetingReminder.meeting_id == meeting_id,
                MeetingReminder.status == ReminderStatus.QUEUED,
            )
        )
    ).all()
    keys = {reminder_key(meeting_id, reminder.id): (reminder, user) for reminder, user in reminders}
    if not keys:
        return []
    # Locked so the sender (FOR UPDATE SKIP LOCKED) cannot claim a row while it is rewritten.
    rows = (
        await session.execute(
            select(OutboxMessage)
            .where(OutboxMessage.dedupe_key.in_(keys), OutboxMessage.status == OutboxStatus.PENDING)
            .with_for_update()
        )
    ).scalars()
    return [(*keys[row.dedupe_key], row) for row in rows]
