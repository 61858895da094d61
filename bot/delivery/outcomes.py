"""What Telegram answered, turned into outbox row changes and written in batches."""

from __future__ import annotations

import json
import logging
import random
import time
from datetime import timedelta
from typing import Any

from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramNetworkError,
    TelegramRetryAfter,
    TelegramServerError,
)
from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox as queue
from bot.delivery import outcome_batch
from bot.delivery.intervals import Intervals
from bot.delivery.outcome_batch import Batch
from bot.ops.metrics import SendOutcome
from bot.services.budget.audience import VOTER_NOTICES as BUDGET_VOTER_NOTICES
from bot.services.clock import Clock
from bot.services.ideas import erasure as idea_erasure
from bot.services.ideas.erasure import ERASURE_KEY, FALLBACK
from bot.services.polls.lifecycle import delivered_poll_id
from bot.services.polls.votes import is_voter_notice
from bot.services.volunteering import cards as volunteer_cards
from bot.services.volunteering.relay import is_relayed_text
from db.models import OutboxMessage, OutboxStatus

log = logging.getLogger(__name__)
RETRY_FOR = timedelta(hours=1)  # 5xx and network errors are retried this long, then failed
MAX_BACKOFF = 600.0
FLUSH_SIZE = 200


def send_outcome(error: Exception) -> SendOutcome:
    """The metrics' name for a failed call (the same classes `Outcomes.failed` tells apart)."""
    if isinstance(error, TelegramRetryAfter):
        return SendOutcome.RETRY_AFTER
    if isinstance(error, TelegramForbiddenError):
        return SendOutcome.UNREACHABLE
    if isinstance(error, TelegramBadRequest):
        return SendOutcome.REFUSED
    return SendOutcome.TRANSIENT


class Outcomes:
    """Collects per-row results between flushes."""

    def __init__(self, clock: Clock, flush_every: float = Intervals.flush_every) -> None:
        self.clock = clock
        self.flush_every = flush_every
        self.batch = Batch()
        self.flushed = time.monotonic()

    def due(self) -> bool:
        """Whether enough has piled up (or waited) to write."""
        rows = self.batch.rows()
        waited = time.monotonic() - self.flushed
        return rows >= FLUSH_SIZE or (rows > 0 and waited > self.flush_every)

    def sent(self, row: OutboxMessage, message_id: int | None) -> None:
        """Delivered."""
        card_of = volunteer_cards.interest_of_card(row.dedupe_key)
        if card_of is not None and message_id is not None:  # erasure must find it (cards.py)
            self.batch.cards.append((card_of, row.chat_id, message_id))
        if _forgotten_when_done(row.dedupe_key):
            self.batch.forgotten.append(row.id)
            return
        self._note_staff_post(row)
        self.batch.changes.append(
            {
                "id": row.id,
                "status": OutboxStatus.SENT,
                "message_id": message_id,
                "sent_at": self.clock.now(),
                "lease_until": None,
            }
        )

    def expired(self, row: OutboxMessage) -> None:
        """Not sent: its time is over (a meeting reminder once the meeting has started)."""
        self._final(row, OutboxStatus.CANCELLED, None, "expired")

    def cancelled(self, row: OutboxMessage) -> None:
        """Not sent: its campaign was cancelled after the row was claimed."""
        self._final(row, OutboxStatus.CANCELLED, None, "campaign cancelled")

    def poll_sent(self, row: OutboxMessage, message: Any) -> None:
        """A native poll went out: remember Telegram's poll id for the votes to come."""
        poll_id = delivered_poll_id(row.dedupe_key)
        native = getattr(message, "poll", None)
        if poll_id is None or native is None:
            return
        sent = {
            "telegram_poll_id": native.id, "poll_id": poll_id, "chat_id": row.chat_id,
            "message_id": message.message_id, "language": row.language or "de",
            "is_group": row.chat_id < 0, "native_close": native.close_date is not None,
            "tally_voters": 0, "sent_at": self.clock.now(),
        }  # fmt: skip
        self.batch.polls.append((row.id, sent))

    def postpone(self, row: OutboxMessage, seconds: float) -> None:
        """The chat had a message too recently: try again after its gap."""
        self._retry_at(row, seconds, attempts=row.attempts)

    def failed(self, row: OutboxMessage, error: Exception) -> float:
        """Classify a failure; returns seconds to pause all sending (429), else 0."""
        if isinstance(error, TelegramRetryAfter):
            self._retry_at(row, float(error.retry_after), attempts=row.attempts)
            return float(error.retry_after)
        if isinstance(error, TelegramForbiddenError):
            self.batch.unreachable.add(row.chat_id)
            self._final(row, OutboxStatus.FAILED, 403, "unreachable")
        elif isinstance(error, TelegramBadRequest):
            self._final(row, OutboxStatus.FAILED, 400, error.message[:200])
            self._refused(row, error.message)
        elif isinstance(error, (TelegramServerError, TelegramNetworkError)):
            self._transient(row, type(error).__name__)
        else:
            log.error("outbox row %s: unexpected %s", row.id, type(error).__name__)
            self._transient(row, type(error).__name__)
        return 0.0

    def _refused(self, row: OutboxMessage, reason: str) -> None:
        """A call Telegram refuses for good: its fallback (a delete too old for Telegram becomes
        an edit) goes into the outbox; a staff chat message erasure couldn't remove is logged
        and audited, for staff to remove by hand."""
        params = json.loads(row.payload) if row.payload else {}
        if row.dedupe_key.startswith(ERASURE_KEY) and "not found" in reason:
            return  # staff removed it by hand already: nothing left to delete or blank
        fallback = params.get(FALLBACK)
        if fallback is not None:
            payload = json.dumps(fallback["params"], ensure_ascii=False)
            key, now = f"{row.dedupe_key}:fallback", self.clock.now()
            values = dict(chat_id=row.chat_id, method=fallback["method"], payload=payload)
            values |= dict(dedupe_key=key, now=now, user_id=row.user_id, priority=row.priority)
            self.batch.fallbacks.append(queue.row(**values))
        if row.dedupe_key.startswith(ERASURE_KEY):
            instead = fallback["method"] if fallback else None
            log.warning(
                "erasure: Telegram refused %s in chat %s (%s); %s", row.method, row.chat_id,
                reason, f"{instead} instead" if instead else "please remove it by hand",
            )  # fmt: skip
            target = f"message:{row.chat_id}:{params.get('message_id')}"
            after = {"refused": row.method, "reason": reason[:120], "instead": instead}
            self.batch.refusals.append({"target": target, "after": after})

    def _transient(self, row: OutboxMessage, reason: str) -> None:
        now = self.clock.now()
        first = row.first_failed_at or now
        if now - first >= RETRY_FOR:
            self._final(row, OutboxStatus.FAILED, None, f"gave up after an hour: {reason}")
            return
        backoff = min(MAX_BACKOFF, 2.0 ** min(row.attempts + 1, 10)) * random.uniform(0.5, 1.5)
        self._retry_at(row, backoff, attempts=row.attempts + 1, first_failed_at=first, error=reason)

    def _note_staff_post(self, row: OutboxMessage) -> None:
        # Its idea may have been erased while it was under way (idea_erasure.settle_in_flight).
        if idea_erasure.is_staff_post(row.dedupe_key):
            self.batch.staff_posts.append(row.id)

    def _retry_at(self, row: OutboxMessage, seconds: float, **extra: Any) -> None:
        self._note_staff_post(row)
        change = {"id": row.id, "status": OutboxStatus.PENDING, "lease_until": None}
        change["not_before"] = self.clock.now() + timedelta(seconds=seconds)
        if "error" in extra:
            change["last_error"] = extra.pop("error")
        self.batch.changes.append(change | extra)

    def _final(
        self, row: OutboxMessage, status: OutboxStatus, code: int | None, error: str
    ) -> None:
        if _forgotten_when_done(row.dedupe_key):
            self.batch.forgotten.append(row.id)
            return
        self._note_staff_post(row)
        self.batch.changes.append(
            {
                "id": row.id,
                "status": status,
                "error_code": code,
                "last_error": error,
                "lease_until": None,
            }
        )

    def take(self) -> Batch:
        """Everything collected so far, to write; collecting starts afresh."""
        batch, self.batch = self.batch, Batch()
        self.flushed = time.monotonic()
        return batch

    def put_back(self, batch: Batch) -> None:
        """A batch whose write failed: it is written with the next one."""
        self.batch.put_back(batch)

    async def write(self, session: AsyncSession, batch: Batch) -> None:
        """Apply a taken batch in the caller's transaction."""
        await outcome_batch.write(session, batch, self.clock.now())


def _forgotten_when_done(dedupe_key: str) -> bool:
    """Rows deleted once done: notices about a vote (polls, Bürgerhaushalt), texts relayed
    between a resident and a volunteering organisation (kept only as long as needed to deliver
    them)."""
    return (
        is_voter_notice(dedupe_key)
        or dedupe_key.startswith(BUDGET_VOTER_NOTICES)
        or is_relayed_text(dedupe_key)
    )
