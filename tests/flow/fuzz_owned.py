"""What each person owns in the database, for the fuzz test's "nobody else's data changed"."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from bot.services.polls.votes import voter_key
from db.models import (
    Idea,
    IdeaReport,
    IdeaSupport,
    MeetingFeedback,
    MeetingRegistration,
    MeetingReminder,
    MeetingSubscription,
    Poll,
    PollVote,
    User,
    UserTopic,
)
from tests.flow.harness import Harness

# Telegram id → table → set of rows (as tuples without timestamps that merely record "when").
Owned = dict[int, dict[str, set[tuple[Any, ...]]]]
# Per table the columns that make up a person's row ("created_at" only records when).
OWNED: dict[Any, tuple[str, ...]] = {
    UserTopic: ("topic",),
    IdeaSupport: ("idea_id",),
    IdeaReport: ("idea_id", "reason"),
    Idea: ("id", "status", "text", "topic"),
    MeetingRegistration: ("meeting_id", "status", "remind"),
    MeetingReminder: ("meeting_id", "kind", "version", "status"),
    MeetingFeedback: ("meeting_id", "rating", "comment"),
    MeetingSubscription: ("district",),
}


async def snapshot(h: Harness) -> Owned:
    """Every person's own rows: profile, topics, ideas, supports, reports, meetings, votes."""
    # Plain column rows, not ORM objects: this runs around every resident's update.
    async with h.runtime.session_factory() as session:
        profile = User.__table__.c
        users = list(await session.execute(select(
            profile.id, profile.telegram_id, profile.language, profile.district,
            profile.age_group, profile.profile_consent_at, profile.announcements, profile.onboarded
        )))  # fmt: skip
        by_id = {row[0]: row[1] for row in users}
        owned: Owned = {row[1]: {"user": {tuple(row[2:])}} for row in users}

        def add(user_id: int | None, table: str, row: tuple[Any, ...]) -> None:
            if user_id in by_id:
                owned[by_id[user_id]].setdefault(table, set()).add(row)

        for model, columns in OWNED.items():
            table = model.__table__
            chosen = [table.c[name] for name in columns]
            for user_id, *row in await session.execute(select(table.c.user_id, *chosen)):
                add(user_id, table.name, tuple(row))
        # Votes carry a keyed hash, not the id: each person's key per poll finds theirs.
        secret = h.settings.poll_key
        poll_ids = list((await session.execute(select(Poll.id))).scalars())
        owner = {voter_key(secret, p, row[1]): row[1] for p in poll_ids for row in users}
        votes = PollVote.__table__
        for row in await session.execute(select(votes)):
            owned[owner[row.voter]].setdefault("votes", set()).add(tuple(row))
    return owned


def changed_for_others(before: Owned, after: Owned, sender: int) -> dict[int, Any]:
    """Per other person, what changed (empty: nothing).

    The one change another person's action may cause: someone giving up their seat moves the
    next on the waiting list up (status waiting → registered), and their reminders are planned.
    """
    changes: dict[int, Any] = {}
    for person in set(before) | set(after):
        if person == sender:
            continue
        old, new = before.get(person, {}), after.get(person, {})
        seats_old = old.get("meeting_registrations", set())
        seats_new = new.get("meeting_registrations", set())
        moved_up = {m for m, status, _r in seats_new if status == "registered"} & {
            m for m, status, _r in seats_old if status == "waiting"
        }
        diff = {}
        for table in set(old) | set(new):
            rows_old, rows_new = old.get(table, set()), new.get(table, set())
            if table in ("meeting_registrations", "meeting_reminders"):
                rows_old = {r for r in rows_old if r[0] not in moved_up}
                rows_new = {r for r in rows_new if r[0] not in moved_up}
            if rows_old != rows_new:
                diff[table] = (rows_old - rows_new, rows_new - rows_old)
        if diff:
            changes[person] = diff
    return changes
