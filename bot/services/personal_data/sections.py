"""The sections of /mydata, which columns each exports, and the columns not exported, with why.

Every column that can hold a person's id or hash (a foreign key to `users`, a name such as
`user_id`, `chat_id`, `created_by`, `actor`, `voter`; every column of `users`; and those in
PERSON_LINKED) must be named in one section's `covers` or in NOT_EXPORTED with a reason.
tests/db/test_personal_data_coverage.py enforces this and plants a row for two people in each
covered column's table: the section must show the person's own row and not the other's.
A new table holding a person's id: add an exporter and its section here (and a planter there).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.personal_data import account, budget, ideas, meetings, polls, volunteering
from db.models import User

Exporter = Callable[[AsyncSession, User], Awaitable[Any]]
# For rows stored under a keyed hash of the person: the export recomputes it with the key.
KeyedExporter = Callable[[AsyncSession, User, bytes], Awaitable[Any]]


@dataclass(frozen=True)
class Section:
    """One part of the export: its key, what fills it, and the "table.column"s it shows."""

    name: str
    export: Exporter
    covers: tuple[str, ...]


@dataclass(frozen=True)
class KeyedSection:
    """A section whose rows hold a keyed hash of the person (HMAC with POLL_SECRET)."""

    name: str
    export: KeyedExporter
    covers: tuple[str, ...]


# In the order of the document.
SECTIONS: tuple[Section, ...] = (
    Section("profile", account.profile, (
        "users.telegram_id", "users.language", "users.telegram_language", "users.district",
        "users.age_group", "users.onboarded", "users.created_at", "users.last_seen_at",
        "user_topics.user_id",
    )),
    Section("consents", account.consents, ("users.privacy_version", "users.profile_consent_at")),
    Section("announcement_settings", account.announcement_settings, (
        "users.announcements", "users.reachable",
    )),
    Section("language_offers", account.language_offers, ("users.language_offers",)),
    Section("retention_warning", account.retention_warning, ("users.retention_warned_at",)),
    Section("ideas", ideas.ideas, ("ideas.user_id",)),
    Section("idea_history", ideas.history, ("idea_events.idea_id", "idea_events.actor")),
    Section("idea_translations", ideas.translations, ("translations.idea_id",)),
    Section("supports", ideas.supports, ("idea_supports.user_id",)),
    Section("reports", ideas.reports, ("idea_reports.user_id",)),
    Section("messages_to_you", account.queued_messages, ("outbox.user_id", "outbox.chat_id")),
    Section("polls_sent_to_you", polls.sent_to_you, ("poll_messages.chat_id",)),
    Section("open_drafts", account.open_drafts, ("fsm_states.key",)),
    Section("meeting_registrations", meetings.registrations, ("meeting_registrations.user_id",)),
    Section("meeting_reminders", meetings.reminders, ("meeting_reminders.user_id",)),
    Section("meeting_subscription", meetings.subscription, ("meeting_subscriptions.user_id",)),
    Section("meeting_feedback", meetings.feedback, ("meeting_feedback.user_id",)),
    Section("volunteer_interests", volunteering.interests, (
        "volunteer_interests.user_id", "volunteer_interests.card_chat_id",
    )),
    Section("volunteer_relays", volunteering.relays, ("volunteer_relays.interest_id",)),
    Section("volunteer_alerts", volunteering.alerts, ("volunteer_alerts.user_id",)),
    Section("budget_proposals", budget.proposals, (
        "budget_proposals.user_id", "budget_projects.user_id",
    )),
    Section("budget_supports", budget.supports, ("budget_supports.user_id",)),
)  # fmt: skip
# After SECTIONS in the document.
KEYED_SECTIONS: tuple[KeyedSection, ...] = (
    KeyedSection("budget_ballots", budget.ballots, ("budget_ballots.voter",)),
)

# Linked to a person although neither a foreign key nor the column's name says so.
PERSON_LINKED: tuple[str, ...] = (
    "idea_events.idea_id",  # the history of the person's own ideas
    "translations.idea_id",  # machine translations of the person's ideas and staff comments
    "fsm_states.key",  # "bot:chat:user:…": the person's Telegram id inside the key
    "staff_audit.target",  # "staff:<Telegram id>" when an admin changes a staff member
    "volunteer_relays.interest_id",  # the conversation about the person's own interest
)

_STAFF = (
    "a staff member's Telegram id for an act in office (audit, authorship); kept as the "
    "city's record, not a resident's data"
)
# Columns that can hold a person's id but are not exported, and why.
NOT_EXPORTED: dict[str, str] = {
    "users.id": "the internal row number every section is selected by; meaningless outside",
    "poll_votes.voter": (
        "a keyed hash (HMAC) of the Telegram id, by design not linkable to the person; the "
        "export says so in the person's language, and erasure recomputes it to delete the votes"
    ),
    "erasure_log.person_hash": (
        "a keyed hash (HMAC) of an erased person's Telegram id and the time, nothing else, kept "
        "to repeat the erasure if a backup is restored; there is no one left to export it to"
    ),
    "staff.telegram_id": _STAFF,
    "staff_audit.actor": _STAFF,
    "staff_audit.target": _STAFF,
    "idea_events.staff_id": _STAFF + "; residents see the acting role ('by')",
    "campaigns.created_by": _STAFF,
    "campaigns.progress_chat_id": "the staff member's chat showing an announcement's progress",
    "polls.created_by": _STAFF,
    "meetings.created_by": _STAFF,
    "budget_processes.created_by": _STAFF,
    "youth_groups.decided_by": _STAFF,
    "youth_groups.chat_id": "a group chat's id (groups have negative ids), not a person's",
    "ideas.staff_chat_id": "the staff chat an idea was posted to, not the resident's",
    "staff_topics.chat_id": "the staff chat the bot made forum topics in, not a person's",
    "dashboard_logins.telegram_id": (
        "a staff member's one-time dashboard link, valid 10 minutes; deleted once used or expired"
    ),
    "dashboard_logins.token_hash": "the SHA-256 of a one-time link's token, not the token",
    "dashboard_sessions.id_hash": "the SHA-256 of a staff browser's session cookie",
    "dashboard_sessions.telegram_id": (
        "a staff member's signed-in browser; deleted at logout or after 8 hours unused"
    ),
    "translations.text_hash": (
        "a SHA-256 of the translated text (the cache key), not of a person; the translation "
        "itself is in the idea_translations section"
    ),
    "volunteer_orgs.inbox_chat_id": "an organisation's group chat (a negative id), not a person's",
    "volunteer_opportunities.created_by": _STAFF,
}
