"""What came out of a meeting: staff write it (per language, German required, machine
translation optional), send it once to everyone registered and to the district's subscribers,
and may publish it on the public page. Every step is audited; the table holds no person's data.
"""

from __future__ import annotations

import json

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import LANGUAGES
from bot.outbox import NOTICE, enqueue
from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from bot.services.locale import resolve_language
from bot.services.meetings.lifecycle import MeetingError, check_texts, text_of
from bot.services.meetings.renderer import OutcomeRenderer
from bot.services.translation.cache import translate
from bot.services.translation.engine import Translator
from db.models import Meeting, MeetingOutcome, MeetingStatus, RegistrationStatus, User
from db.repositories import meeting_outcomes as outcome_repo
from db.repositories import meetings as repo

# In UTF-16 units: with the meeting's facts and a link it stays within one 4,096-unit message.
OUTCOME_MAX = 3000


def public_path(meeting_id: int) -> str:
    """The public page's path (behind DASHBOARD_URL)."""
    return f"/public/meetings/{meeting_id}/outcome"


def texts_of(outcome: MeetingOutcome | None) -> dict[str, str]:
    """The outcome's texts by language ({} when none was written)."""
    return json.loads(outcome.texts or "{}") if outcome is not None else {}


async def _meeting(session: AsyncSession, meeting_id: int) -> Meeting:
    meeting = await repo.get(session, meeting_id)
    if meeting is None or meeting.status != MeetingStatus.PUBLISHED:
        raise MeetingError("not_found", "no such meeting (or it is cancelled or a draft)")
    return meeting


async def get(session: AsyncSession, meeting_id: int) -> tuple[Meeting, MeetingOutcome | None]:
    """A published meeting and its outcome (None: not written yet)."""
    meeting = await _meeting(session, meeting_id)
    return meeting, await outcome_repo.get(session, meeting_id)


async def fill_missing(
    session: AsyncSession, translator: Translator | None, texts: dict[str, str]
) -> dict[str, str]:
    """Empty languages machine-translated from the German text (cached as everywhere); staff
    read them before sending. Without a provider, or when it is down, they stay empty."""
    filled = dict(texts)
    german = (texts.get("de") or "").strip()
    for language in LANGUAGES:
        if german and not (filled.get(language) or "").strip():
            found = await translate(session, translator, german, "de", language, idea_id=None)
            if found is not None:
                filled[language] = found.text
    return filled


async def save(
    session: AsyncSession, clock: Clock, meeting_id: int, texts: dict[str, str], *, actor: int
) -> MeetingOutcome:
    """Write or change the outcome of a meeting that has ended (committed, audited)."""
    cleaned = {lang: text.strip() for lang, text in texts.items() if text and text.strip()}
    check_texts(cleaned, "outcome", required=True, limit=OUTCOME_MAX)
    meeting = await _meeting(session, meeting_id)
    now = clock.now()
    if meeting.ends_at > now:
        raise MeetingError("not_ended", "the meeting has not ended")
    outcome = await outcome_repo.get(session, meeting_id, lock=True)
    before = sorted(texts_of(outcome)) if outcome is not None else None
    if outcome is None:
        outcome = MeetingOutcome(meeting_id=meeting_id, public=False)
        session.add(outcome)
    outcome.texts, outcome.updated_at = json.dumps(cleaned, ensure_ascii=False), now
    audit.record(
        session, actor=actor, action=AuditAction.MEETING_OUTCOME, target=f"meeting:{meeting_id}",
        at=now, before=before, after=sorted(cleaned),
    )  # fmt: skip
    await session.commit()
    return outcome


async def _recipients(session: AsyncSession, meeting: Meeting) -> list[User]:
    """Everyone registered and the district's subscribers, each once, reachable only."""
    people = [user for _row, user in await repo.people(
        session, meeting.id, (RegistrationStatus.REGISTERED,))]  # fmt: skip
    unique = {
        user.id: user for user in [*people, *await repo.subscribers(session, meeting.district)]
    }
    return [user for user in unique.values() if user.reachable]


async def send(
    session: AsyncSession, clock: Clock, meeting_id: int, render: OutcomeRenderer,
    default_language: str, public_base: str | None, *, actor: int,
) -> int:  # fmt: skip
    """Queue the outcome once for everyone it concerns (through the outbox); returns how many."""
    meeting = await _meeting(session, meeting_id)
    outcome = await outcome_repo.get(session, meeting_id, lock=True)
    if outcome is None:
        raise MeetingError("missing", "write the outcome first")
    if outcome.sent_at is not None:
        raise MeetingError("already", "the outcome has been sent already")
    now = clock.now()
    link = public_base.rstrip("/") + public_path(meeting_id) if public_base else None
    told = 0
    for user in await _recipients(session, meeting):
        language = resolve_language(user.language, user.telegram_language, default_language)
        text = text_of(outcome.texts, language)
        told += await enqueue(
            session, chat_id=user.telegram_id, method="sendMessage",
            params=render(meeting, text, language, link if outcome.public else None),
            dedupe_key=f"meeting:{meeting_id}:outcome:{user.id}", now=now, user_id=user.id,
            priority=NOTICE,
        )  # fmt: skip
    outcome.sent_at = now
    audit.record(
        session, actor=actor, action=AuditAction.MEETING_OUTCOME_SEND,
        target=f"meeting:{meeting_id}", at=now, after={"told": told},
    )  # fmt: skip
    await session.commit()
    return told


async def set_public(
    session: AsyncSession, clock: Clock, meeting_id: int, public: bool, *, actor: int
) -> None:
    """Show the outcome on its public page, or withdraw it (audited)."""
    await _meeting(session, meeting_id)
    outcome = await outcome_repo.get(session, meeting_id, lock=True)
    if outcome is None:
        raise MeetingError("missing", "write the outcome first")
    now = clock.now()
    audit.record(
        session, actor=actor, action=AuditAction.MEETING_OUTCOME_PUBLIC,
        target=f"meeting:{meeting_id}", at=now, before={"public": outcome.public},
        after={"public": public},
    )  # fmt: skip
    outcome.public, outcome.updated_at = public, now
    await session.commit()


async def published(
    session: AsyncSession, meeting_id: int
) -> tuple[Meeting, dict[str, str]] | None:
    """A published outcome for the public page: the meeting and its texts; else None."""
    found = await outcome_repo.public(session, meeting_id)
    return (found[0], texts_of(found[1])) if found is not None else None


async def readable(session: AsyncSession, meeting_id: int) -> tuple[Meeting, MeetingOutcome] | None:
    """A sent outcome residents may read in the bot, with its meeting; else None."""
    meeting = await repo.get(session, meeting_id)
    if meeting is None or meeting.status != MeetingStatus.PUBLISHED:
        return None
    outcome = await outcome_repo.get(session, meeting_id)
    return (meeting, outcome) if outcome is not None and outcome.sent_at is not None else None
