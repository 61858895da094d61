"""Rows planted for one person in each table /mydata covers, and which columns hold a person.

PLANTERS has one entry per covered "table.column" (bot/services/personal_data/sections.py);
each plants a row linked to the given person through that column only. Columns of `users` need
none: `change_own_row` gives any of them a new value.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import MetaData
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.budget.voters import voter_key
from bot.services.personal_data.sections import (
    KEYED_SECTIONS,
    NOT_EXPORTED,
    PERSON_LINKED,
    SECTIONS,
)
from db.models import (
    BudgetBallot,
    BudgetProcess,
    BudgetProject,
    BudgetProposal,
    BudgetSupport,
    FsmRecord,
    Idea,
    IdeaEvent,
    IdeaReport,
    IdeaSupport,
    Meeting,
    MeetingFeedback,
    MeetingRegistration,
    MeetingReminder,
    MeetingSubscription,
    OutboxMessage,
    Poll,
    PollMessage,
    PollVariant,
    Translation,
    User,
    UserTopic,
    VolunteerAlert,
    VolunteerInterest,
    VolunteerOpportunity,
    VolunteerOrg,
    VolunteerRelay,
)

NOW = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
# The voters' HMAC key the exports are made with (POLL_SECRET in production).
VOTER_SECRET = b"personal-data-test-key-0123456789abcdef"
ALL_SECTIONS = (*SECTIONS, *KEYED_SECTIONS)
# Names of columns that hold a person's Telegram id, row id or vote hash.
PERSON_NAME = re.compile(
    r"(^|_)(user|telegram|chat|voter|author|actor|staff|member|person|resident|recipient|sender)"
    r"(_id)?$|_by$|hash"
)
Planter = Callable[[AsyncSession, User], Awaitable[None]]
_serial = itertools.count(1)


def person_columns(metadata: MetaData) -> set[str]:
    """Every "table.column" that can hold a person's id or hash, or is the person's own row."""
    found = set(PERSON_LINKED)
    for table in metadata.tables.values():
        for column in table.columns:
            to_users = any(fk.column.table.name == "users" for fk in column.foreign_keys)
            if table.name == "users" or to_users or PERSON_NAME.search(column.name):
                found.add(f"{table.name}.{column.name}")
    return found


def uncovered(metadata: MetaData) -> list[str]:
    """Person columns that no section exports and no reason excuses, each with what to do."""
    covered = {column for section in ALL_SECTIONS for column in section.covers}
    return [
        f"{column}: holds a person's id or data, but no /mydata section covers it; add it to a "
        "Section's covers in bot/services/personal_data/sections.py (or to NOT_EXPORTED with "
        "the reason)"
        for column in sorted(person_columns(metadata) - covered - set(NOT_EXPORTED))
    ]


def new_value(current: Any) -> Any:
    """A different value of the same kind, for a column of the person's own row."""
    if isinstance(current, bool):
        return not current
    if isinstance(current, int):
        return current + 1
    return "uk" if current == "tr" else "tr"


def change_own_row(column: str) -> Planter:
    """Give `users.<column>` of the person a new value (a moment when it had none)."""

    async def plant(session: AsyncSession, person: User) -> None:
        current = getattr(person, column)
        is_moment = column.endswith("_at")
        value = (current or NOW) - timedelta(days=3) if is_moment else new_value(current)
        setattr(person, column, value)

    return plant


async def _idea(session: AsyncSession, person: User | None) -> Idea:
    number = next(_serial)
    idea = Idea(
        reference=f"I-2026-{number:04d}", year=2026, number=number, topic="environment",
        district="mitte", text=f"Mehr Bänke am Rheinufer ({number})",
        user_id=person.id if person else None, status="published",
    )  # fmt: skip
    session.add(idea)
    await session.flush()
    return idea


async def _meeting(session: AsyncSession) -> Meeting:
    meeting = Meeting(
        title='{"de": "Bürgerforum Hamborn"}', district="hamborn", venue="Rathaus",
        address="Duisburger Str. 213", starts_at=NOW + timedelta(days=7),
        ends_at=NOW + timedelta(days=7, hours=2), status="published",
    )  # fmt: skip
    session.add(meeting)
    await session.flush()
    return meeting


async def _topic(session: AsyncSession, person: User) -> None:
    session.add(UserTopic(user_id=person.id, topic=f"topic{next(_serial)}"))


async def _own_idea(session: AsyncSession, person: User) -> None:
    await _idea(session, person)


async def _history(session: AsyncSession, person: User) -> None:
    idea = await _idea(session, person)
    session.add(IdeaEvent(
        idea_id=idea.id, actor="staff", staff_id=4242, action="decide", before="submitted",
        after="published", comment="Danke, wir prüfen das mit dem Grünflächenamt.",
    ))  # fmt: skip


async def _translation(session: AsyncSession, person: User) -> None:
    idea = await _idea(session, person)
    session.add(Translation(
        text_hash=f"{next(_serial):064x}", source="tr", target="de", provider="libretranslate",
        translated="Mehr Bänke bitte", idea_id=idea.id,
    ))  # fmt: skip


async def _support(session: AsyncSession, person: User) -> None:
    idea = await _idea(session, None)
    session.add(IdeaSupport(idea_id=idea.id, user_id=person.id))


async def _report(session: AsyncSession, person: User) -> None:
    idea = await _idea(session, None)
    session.add(IdeaReport(idea_id=idea.id, user_id=person.id, reason="spam"))


def _outbox(*, by_user: bool) -> Planter:
    async def plant(session: AsyncSession, person: User) -> None:
        session.add(OutboxMessage(
            chat_id=-1001 if by_user else person.telegram_id,
            user_id=person.id if by_user else None, payload='{"text": "Hallo"}',
            dedupe_key=f"planted:{next(_serial)}",
        ))  # fmt: skip

    return plant


async def _poll_sent(session: AsyncSession, person: User) -> None:
    poll = Poll(created_by=0, closes_at=NOW + timedelta(days=3), option_count=2, status="open")
    session.add(poll)
    await session.flush()
    session.add(PollVariant(
        poll_id=poll.id, language="de", question="Mehr Radwege?", options='["Ja", "Nein"]'
    ))  # fmt: skip
    session.add(PollMessage(
        telegram_poll_id=f"tp{next(_serial)}", poll_id=poll.id, chat_id=person.telegram_id,
        message_id=next(_serial), language="de",
    ))  # fmt: skip


async def _draft(session: AsyncSession, person: User) -> None:
    telegram_id = person.telegram_id
    session.add(FsmRecord(
        key=f"42:{telegram_id}:{telegram_id}:::default", state="IdeaDraft:text",
        data='{"text": "Trinkbrunnen im Kantpark"}',
    ))  # fmt: skip


async def _registration(session: AsyncSession, person: User) -> None:
    meeting = await _meeting(session)
    session.add(MeetingRegistration(meeting_id=meeting.id, user_id=person.id, status="registered"))


async def _reminder(session: AsyncSession, person: User) -> None:
    meeting = await _meeting(session)
    session.add(MeetingReminder(
        meeting_id=meeting.id, user_id=person.id, kind="1d", version=1, due_at=NOW
    ))  # fmt: skip


async def _subscription(session: AsyncSession, person: User) -> None:
    session.add(MeetingSubscription(user_id=person.id, district="walsum"))


async def _feedback(session: AsyncSession, person: User) -> None:
    meeting = await _meeting(session)
    session.add(MeetingFeedback(meeting_id=meeting.id, user_id=person.id, rating=4))


async def _interest(session: AsyncSession, person: User) -> VolunteerInterest:
    org = VolunteerOrg(name=f"Tafel Duisburg {next(_serial)}")
    session.add(org)
    await session.flush()
    opportunity = VolunteerOpportunity(
        org_id=org.id, title='{"de": "Lebensmittel ausgeben"}', district="mitte"
    )
    session.add(opportunity)
    await session.flush()
    interest = VolunteerInterest(
        opportunity_id=opportunity.id, user_id=person.id, message="Ich helfe gern samstags.",
        tag=f"VT{next(_serial):04d}",
    )  # fmt: skip
    session.add(interest)
    await session.flush()
    return interest


async def _volunteer_interest(session: AsyncSession, person: User) -> None:
    await _interest(session, person)


async def _posted_card(session: AsyncSession, person: User) -> None:
    """An interest whose card the sender posted in the organisation's group."""
    interest = await _interest(session, person)
    interest.card_chat_id, interest.card_message_id = -1005550077, next(_serial)


async def _relay(session: AsyncSession, person: User) -> None:
    interest = await _interest(session, person)
    session.add(VolunteerRelay(interest_id=interest.id, relayed=2))


async def _volunteer_alert(session: AsyncSession, person: User) -> None:
    session.add(VolunteerAlert(user_id=person.id))


async def _budget_process(session: AsyncSession) -> BudgetProcess:
    process = BudgetProcess(title='{"de": "Bürgerhaushalt Hamborn"}', budget=500_000, created_by=0)
    session.add(process)
    await session.flush()
    return process


async def _proposal(session: AsyncSession, person: User) -> None:
    process = await _budget_process(session)
    session.add(BudgetProject(
        process_id=process.id, code=f"H-{next(_serial):02d}", title='{"de": "Bolzplatz"}',
        status="proposed", user_id=person.id,
    ))  # fmt: skip


async def _handed_in(session: AsyncSession, person: User) -> None:
    process = await _budget_process(session)
    session.add(BudgetProposal(
        process_id=process.id, user_id=person.id, language="de", title="Trinkbrunnen",
        description="Ein Trinkbrunnen am Rheinpark, damit im Sommer alle Wasser haben.",
        status="collecting",
    ))  # fmt: skip


async def _budget_support(session: AsyncSession, person: User) -> None:
    process = await _budget_process(session)
    # The person's own proposal (the chat refuses that; the rows look the same): another author
    # would be one more resident in every test that counts them.
    proposal = BudgetProposal(
        process_id=process.id, user_id=person.id, language="de", title="Bänke",
        description="Mehr Bänke am Rhein, damit ältere Menschen sich ausruhen können.",
        status="collecting",
    )  # fmt: skip
    session.add(proposal)
    await session.flush()
    session.add(BudgetSupport(proposal_id=proposal.id, user_id=person.id))


async def _ballot(session: AsyncSession, person: User) -> None:
    process = await _budget_process(session)
    project = BudgetProject(
        process_id=process.id, code=f"H-{next(_serial):02d}", cost=40_000,
        title='{"de": "Trinkbrunnen"}',
    )  # fmt: skip
    session.add(project)
    await session.flush()
    voter = voter_key(VOTER_SECRET, process.id, person.telegram_id)
    session.add(BudgetBallot(process_id=process.id, voter=voter, projects=f"[{project.id}]"))


PLANTERS: dict[str, Planter] = {
    "user_topics.user_id": _topic,
    "ideas.user_id": _own_idea,
    "idea_events.idea_id": _history,
    "idea_events.actor": _history,
    "translations.idea_id": _translation,
    "idea_supports.user_id": _support,
    "idea_reports.user_id": _report,
    "outbox.user_id": _outbox(by_user=True),
    "outbox.chat_id": _outbox(by_user=False),
    "poll_messages.chat_id": _poll_sent,
    "fsm_states.key": _draft,
    "meeting_registrations.user_id": _registration,
    "meeting_reminders.user_id": _reminder,
    "meeting_subscriptions.user_id": _subscription,
    "meeting_feedback.user_id": _feedback,
    "volunteer_interests.user_id": _volunteer_interest,
    "volunteer_interests.card_chat_id": _posted_card,
    "volunteer_relays.interest_id": _relay,
    "volunteer_alerts.user_id": _volunteer_alert,
    "budget_projects.user_id": _proposal,
    "budget_proposals.user_id": _handed_in,
    "budget_supports.user_id": _budget_support,
    "budget_ballots.voter": _ballot,
}


def planter(column: str) -> Planter | None:
    """How to plant a row for a person in a covered column (None: no planter yet)."""
    table, name = column.split(".", 1)
    return change_own_row(name) if table == "users" else PLANTERS.get(column)
