"""Votes: residents' answers under a keyed hash, youth groups' anonymous totals."""

from __future__ import annotations

import enum
import hashlib
import hmac
import json
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox import NOTICE, enqueue
from bot.services.clock import Clock
from bot.services.locale import content_language, resolve_language
from db.models import Poll, PollMessage, PollStatus, User
from db.repositories import polls as repo

# Messages to one voter about their vote (thanks, "too late", results at close). Such a row says
# who voted and when: it is deleted once sent or given up, and carries no results (the sender
# adds them when sending), so no dump can match it with a vote (docs/ARCHITECTURE.md, Polls).
THANKS_PREFIX = "pollthanks:"
LATE_PREFIX = "polllate:"
RESULTS_PREFIX = "pollresult:"
VOTER_NOTICES = (THANKS_PREFIX, LATE_PREFIX, RESULTS_PREFIX)
# In a thank-you's payload: the poll whose results the sender appends at sending time.
RESULTS_OF = "poll_results"


def is_voter_notice(dedupe_key: str) -> bool:
    """Whether an outbox row is a message to a voter about their vote."""
    return dedupe_key.startswith(VOTER_NOTICES)


class Outcome(enum.Enum):
    """What became of a poll answer."""

    COUNTED = "counted"  # a first vote
    CHANGED = "changed"  # a re-vote replaced the earlier one
    RETRACTED = "retracted"
    UNKNOWN = "unknown"  # not a poll we sent to this person, or a bad option
    CLOSED = "closed"  # too late: nothing counted


@dataclass(frozen=True)
class VoteResult:
    """The outcome and the poll it concerned (None when unknown)."""

    outcome: Outcome
    poll: Poll | None = None
    language: str = "de"


def voter_key(secret: bytes, poll_id: int, telegram_id: int) -> str:
    """HMAC-SHA256 of poll and person: one vote each, unlinkable across polls without the key."""
    message = f"{poll_id}:{telegram_id}".encode()
    return hmac.new(secret, message, hashlib.sha256).hexdigest()


def is_open(poll: Poll, clock: Clock) -> bool:
    """Whether votes still count."""
    return poll.status == PollStatus.OPEN and clock.now() < poll.closes_at


async def answer(
    session: AsyncSession, clock: Clock, secret: bytes, telegram_poll_id: str,
    telegram_id: int, option_ids: list[int], user: User | None, default_language: str,
) -> VoteResult:  # fmt: skip
    """Count, change or retract (empty option_ids) one person's vote, in one transaction."""
    sent = await repo.message(session, telegram_poll_id)
    poll = await repo.get(session, sent.poll_id) if sent is not None else None
    # Only the person the poll was sent to: a forwarded copy lets anyone vote in Telegram,
    # which would reach past the poll's audience.
    if sent is None or poll is None or sent.is_group or sent.chat_id != telegram_id:
        return VoteResult(Outcome.UNKNOWN)
    language = sent.language
    if user is not None:
        language = resolve_language(user.language, user.telegram_language, default_language)
    if not is_open(poll, clock):
        return VoteResult(Outcome.CLOSED, poll, language)
    choices = _bits(option_ids, poll)
    if choices is None:
        return VoteResult(Outcome.UNKNOWN, poll, language)
    voter = voter_key(secret, poll.id, telegram_id)
    if not option_ids:
        removed = await repo.delete_vote(session, poll.id, voter)
        await session.commit()
        return VoteResult(Outcome.RETRACTED if removed else Outcome.UNKNOWN, poll, language)
    existed = await repo.has_voted(session, poll.id, voter)
    consent = user is not None and user.profile_consent_at is not None
    await repo.upsert_vote(
        session,
        {
            "poll_id": poll.id, "voter": voter, "choices": choices,
            "language": content_language(language),
            "district": user.district if consent and user else None,
            "age_group": user.age_group if consent and user else None,
            # No time of voting: it could be matched with rows that name the voter.
        },
    )  # fmt: skip
    await session.commit()
    return VoteResult(Outcome.CHANGED if existed else Outcome.COUNTED, poll, language)


def _bits(option_ids: list[int], poll: Poll) -> int | None:
    if any(not 0 <= i < poll.option_count for i in option_ids):
        return None
    if len(set(option_ids)) != len(option_ids) or (len(option_ids) > 1 and not poll.multiple):
        return None
    return sum(1 << i for i in set(option_ids))


async def group_tally(
    session: AsyncSession, clock: Clock, telegram_poll_id: str, counts: list[int], voters: int
) -> bool:
    """Store a youth group's anonymous totals from Telegram's poll update; False if ignored."""
    sent: PollMessage | None = await repo.message(session, telegram_poll_id)
    if sent is None or not sent.is_group:
        return False
    poll = await repo.get(session, sent.poll_id)
    if poll is None or not is_open(poll, clock):
        return False  # the result is final once the poll has closed
    if poll.option_count != len(counts):
        return False
    sent.tally = json.dumps(counts)
    sent.tally_voters = voters
    await session.commit()
    return True


async def tell_voter(
    session: AsyncSession, clock: Clock, telegram_id: int, text: str, dedupe_key: str,
    *, language: str, results_of: int | None = None,
) -> None:  # fmt: skip
    """Queue one message to a voter (at most once while queued); `results_of`: the sender adds
    that poll's results as they are when it sends (never stored: a row's numbers, compared with
    the next voter's, would tell what this voter chose)."""
    params: dict[str, object] = {"text": text}
    if results_of is not None:
        params[RESULTS_OF] = results_of
    await enqueue(
        session, chat_id=telegram_id, method="sendMessage", params=params,
        dedupe_key=dedupe_key, now=clock.now(), priority=NOTICE, language=language,
    )  # fmt: skip
    await session.commit()


async def forget(session: AsyncSession, secret: bytes, telegram_id: int) -> int:
    """Delete a person's votes (keys recomputed per poll) and polls sent to them; no commit."""
    removed = 0
    for poll_id in await repo.poll_ids(session):
        removed += await repo.delete_vote(session, poll_id, voter_key(secret, poll_id, telegram_id))
    await repo.delete_private_messages(session, telegram_id)
    return removed
