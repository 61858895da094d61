"""Polls: create one, send it through the outbox in each recipient's language, close it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import String, case, cast, literal, select, true, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox import ANNOUNCEMENT, NOTICE, enqueue, insert_ignoring_duplicates
from bot.services import audit
from bot.services.audience import recipients
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from bot.services.locale import resolve_language
from bot.services.polls.input import PollAudience, PollDraft, PollError, validate
from bot.services.polls.votes import voter_key
from db.models import OutboxMessage, OutboxStatus, Poll, PollStatus, PollVariant, User
from db.repositories import polls as repo

# Telegram closes a native poll itself up to 2,628,000 s (~30 days) ahead; a day of margin
# covers a queue that takes a while to reach everyone.
NATIVE_CLOSE_LIMIT = timedelta(seconds=2_628_000) - timedelta(days=1)
NATIVE_CLOSE_MIN = timedelta(seconds=60)
DELIVERY_PREFIX = "poll:"
# A payload key (not a Bot API parameter): the variant is machine-made, so the sender adds the
# note in the recipient's language as the poll's description.
MACHINE_MADE = "machine_made"


async def create(
    session: AsyncSession, clock: Clock, draft: PollDraft, created_by: int,
    *, draft_key: str | None = None, default_language: str = "de",
) -> Poll:  # fmt: skip
    """Store a validated poll and, unless it starts later, queue it right away."""
    now = clock.now()
    draft = validate(draft, now)
    poll = Poll(
        created_by=created_by, created_at=now, starts_at=draft.starts_at or now,
        closes_at=draft.closes_at, status=PollStatus.SCHEDULED, multiple=draft.multiple,
        show_results=draft.show_results, push_results=draft.push_results,
        option_count=len(draft.options["de"]), audience=draft.audience.to_json(),
        draft_key=draft_key,
    )  # fmt: skip
    session.add(poll)
    try:
        await session.flush()
    except IntegrityError:  # the same draft, pressed twice at the same moment
        await session.rollback()
        raise PollError("duplicate", "this draft was already sent") from None
    for language, question in draft.questions.items():
        options = json.dumps(draft.options[language], ensure_ascii=False)
        machine = language in draft.machine
        session.add(
            PollVariant(
                poll_id=poll.id,
                language=language,
                question=question,
                options=options,
                machine=machine,
            )
        )
    await session.flush()
    audit.record(
        session, actor=created_by, action=AuditAction.POLL_CREATE, target=f"poll:{poll.id}",
        at=now, after={
            "closes_at": poll.closes_at.isoformat(), "langs": sorted(draft.questions),
            "machine": sorted(draft.machine),
        },
    )  # fmt: skip
    if poll.starts_at <= now:
        await _start(session, poll, now, default_language)
    await session.commit()
    return poll


def native_close(poll: Poll, now: datetime) -> bool:
    """Whether Telegram can close the native polls itself (close_date within its limit)."""
    return NATIVE_CLOSE_MIN <= poll.closes_at - now <= NATIVE_CLOSE_LIMIT


def payload(
    poll: Poll, question: str, options: list[str], now: datetime, group: bool,
    machine: bool = False,
) -> str:  # fmt: skip
    """sendPoll parameters (without chat_id) for one language; a machine-made variant is marked
    for the sender, which adds the note in the recipient's language."""
    params: dict[str, Any] = {
        "question": question,
        # Plain text, not the bot's default HTML: "&" or "<" in a question must stay as typed.
        "question_parse_mode": None,
        "options": options,
        # Private chats: we need to know the voter (one vote each); groups: nobody is known.
        "is_anonymous": group,
        "allows_multiple_answers": poll.multiple,
        # No forwarded copies: in a group every copy's anonymous votes would add to the tally
        # (stuffing); a private poll's copy reaches past its audience.
        "protect_content": True,
    }
    if native_close(poll, now):
        params["close_date"] = int(poll.closes_at.timestamp())
    if machine:
        params[MACHINE_MADE] = True
    return json.dumps(params, ensure_ascii=False)


async def start_due(session: AsyncSession, clock: Clock, default_language: str) -> list[int]:
    """Queue every scheduled poll whose start has come."""
    now = clock.now()
    started = []
    for poll in await repo.due_to_start(session, now):
        if poll.closes_at > now and await _start(session, poll, now, default_language):
            started.append(poll.id)
    await session.commit()
    return started


async def _start(session: AsyncSession, poll: Poll, now: datetime, default_language: str) -> bool:
    if not await repo.claim_status(session, poll.id, (PollStatus.SCHEDULED,), PollStatus.OPEN):
        return False  # another process got there first
    poll.status = PollStatus.OPEN
    texts = await repo.variants(session, poll.id)
    machine = await repo.machine_variants(session, poll.id)
    audience = PollAudience.from_json(poll.audience)
    if audience.include_residents:
        await _queue_residents(session, poll, texts, machine, audience, now, default_language)
    if audience.groups:
        for group in await repo.approved_groups(session):
            language = group.language if group.language in texts else "de"
            question, options = texts[language]
            made = language in machine
            await enqueue(
                session, chat_id=group.chat_id, method="sendPoll",
                params=json.loads(payload(poll, question, options, now, True, made)),
                dedupe_key=f"{DELIVERY_PREFIX}{poll.id}:g{group.chat_id}", now=now,
                priority=NOTICE,
            )  # fmt: skip
            await _set_language(session, f"{DELIVERY_PREFIX}{poll.id}:g{group.chat_id}", language)
    return True


async def _set_language(session: AsyncSession, dedupe_key: str, language: str) -> None:
    await session.execute(
        update(OutboxMessage)
        .where(OutboxMessage.dedupe_key == dedupe_key)
        .values(language=language)
    )


async def _queue_residents(
    session: AsyncSession, poll: Poll, texts: dict[str, tuple[str, list[str]]],
    machine: frozenset[str], audience: PollAudience, now: datetime, default_language: str,
) -> None:  # fmt: skip
    """One INSERT … SELECT: each recipient's language picks the variant (German otherwise)."""
    people = recipients(audience.residents, default_language).subquery()
    german = payload(poll, *texts["de"], now, group=False)
    others = [lang for lang in texts if lang != "de"]
    body = case(
        *((people.c.language == lang,
           literal(payload(poll, *texts[lang], now, False, lang in machine)))
          for lang in others),
        else_=literal(german),
    ) if others else literal(german)  # fmt: skip
    language = (
        case((people.c.language.in_(others), people.c.language), else_=literal("de"))
        if others
        else literal("de")
    )
    key = literal(f"{DELIVERY_PREFIX}{poll.id}:u") + cast(people.c.id, String)
    rows = select(
        people.c.telegram_id, people.c.id, literal("sendPoll"), body, language,
        literal(ANNOUNCEMENT.value), literal(now),
        literal(OutboxStatus.PENDING.value), literal(0), key, literal(now),
        # SQLite: without a WHERE, "ON CONFLICT" would parse as a join condition.
    ).where(true())  # fmt: skip
    columns = ["chat_id", "user_id", "method", "payload", "language", "priority",
               "not_before", "status", "attempts", "dedupe_key", "created_at"]  # fmt: skip
    await insert_ignoring_duplicates(session, columns, rows)


def delivered_poll_id(dedupe_key: str) -> int | None:
    """The poll an outbox row delivers (its dedupe key says), else None."""
    if not dedupe_key.startswith(DELIVERY_PREFIX):
        return None
    head = dedupe_key[len(DELIVERY_PREFIX) :].split(":", 1)[0]
    return int(head) if head.isdigit() else None


async def open_for(
    session: AsyncSession, clock: Clock, user: User, secret: bytes, default_language: str
) -> list[tuple[Poll, str]]:
    """Open polls meant for this resident that they have not answered: (poll, question)."""
    language = resolve_language(user.language, user.telegram_language, default_language)
    found = []
    for poll in await repo.open_polls(session, clock.now()):
        if not await meant_for(session, poll, user, default_language):
            continue
        if await repo.has_voted(session, poll.id, voter_key(secret, poll.id, user.telegram_id)):
            continue
        texts = await repo.variants(session, poll.id)
        found.append((poll, (texts.get(language) or texts["de"])[0]))
    return found


async def meant_for(session: AsyncSession, poll: Poll, user: User, default_language: str) -> bool:
    """Whether the poll's audience includes this resident (now, with their current profile)."""
    audience = PollAudience.from_json(poll.audience)
    if not audience.include_residents:
        return False
    people = recipients(audience.residents, default_language).where(User.id == user.id)
    return (await session.execute(people)).first() is not None


async def native_poll_for(
    session: AsyncSession, clock: Clock, poll_id: int, user: User, language: str,
    default_language: str,
) -> tuple[Poll, str, dict[str, Any]] | None:  # fmt: skip
    """(poll, variant language, sendPoll parameters) for a private chat; None if not open.

    PollError("audience") when the poll is not meant for this resident (forged button data).
    """
    poll = await repo.get(session, poll_id)
    if poll is None or poll.status != PollStatus.OPEN or poll.closes_at <= clock.now():
        return None
    if not await meant_for(session, poll, user, default_language):
        raise PollError("audience", "this poll is not meant for this resident")
    texts = await repo.variants(session, poll.id)
    variant = language if language in texts else "de"
    made = variant in await repo.machine_variants(session, poll.id)
    params = json.loads(payload(poll, *texts[variant], clock.now(), False, made))
    return poll, variant, params


async def record_sent(
    session: AsyncSession, clock: Clock, poll: Poll, chat_id: int, message_id: int,
    telegram_poll_id: str, language: str, native_close: bool,
) -> None:  # fmt: skip
    """Remember a native poll sent on request, so its votes count."""
    await repo.add_messages(
        session,
        [{
            "telegram_poll_id": telegram_poll_id, "poll_id": poll.id, "chat_id": chat_id,
            "message_id": message_id, "language": language, "is_group": chat_id < 0,
            "native_close": native_close, "tally_voters": 0, "sent_at": clock.now(),
        }],
    )  # fmt: skip
    await session.commit()
