"""Injected failures and Telegram's flood limits."""

from __future__ import annotations

import math
import time
from collections import deque
from dataclasses import dataclass, field

from .errors import ApiError, default_description

# Methods that put a new message into a chat (what Telegram's broadcast limits count).
NOT_MESSAGES = frozenset({"sendchataction", "sendmessagedraft"})


def sends_message(method: str) -> bool:
    """True for send*/copy*/forward* methods, which Telegram's flood limits count."""
    name = method.lower()
    return name.startswith(("send", "copymessage", "forwardmessage")) and name not in NOT_MESSAGES


@dataclass
class FailureRule:
    """Answer matching calls with an error, `times` times (None: until cleared)."""

    token: str | None
    method: str | None
    chat_id: int | str | None
    error_code: int
    description: str
    retry_after: int | None = None
    times: int | None = None

    def matches(self, token: str, method: str, chat_id: int | str | None) -> bool:
        """Does this rule apply to the call?"""
        return (
            (self.token is None or self.token == token)
            and (self.method is None or self.method.lower() == method.lower())
            and (self.chat_id is None or str(self.chat_id) == str(chat_id))
        )


@dataclass
class Failures:
    """The list of injected failures, consumed in order."""

    rules: list[FailureRule] = field(default_factory=list)

    def add(self, rule: FailureRule) -> FailureRule:
        """Register a rule."""
        if not rule.description:
            rule.description = default_description(rule.error_code, rule.retry_after)
        self.rules.append(rule)
        return rule

    def check(self, token: str, method: str, chat_id: int | str | None) -> None:
        """Raise the first matching rule's error (and count it down)."""
        for rule in self.rules:
            if rule.matches(token, method, chat_id):
                if rule.times is not None:
                    rule.times -= 1
                    if rule.times <= 0:
                        self.rules.remove(rule)
                raise ApiError(rule.error_code, rule.description, rule.retry_after)


@dataclass
class RateLimiter:
    """30 messages/s overall, 1/s per private chat, 20/min per group (Telegram's FAQ numbers)."""

    per_second: int = 30
    per_second_paid: int = 1000  # allow_paid_broadcast lifts the overall limit (Stars per message)
    per_private_chat: tuple[int, float] = (1, 1.0)
    per_group: tuple[int, float] = (20, 60.0)
    _sent: dict[object, deque[float]] = field(default_factory=dict)

    def check(self, token: str, chat_id: int, private: bool, paid: bool = False) -> None:
        """Count one message or raise 429 with the seconds until it would be allowed."""
        now = time.monotonic()
        count, window = self.per_private_chat if private else self.per_group
        overall = (
            ((token, "paid"), self.per_second_paid) if paid else ((token, "all"), self.per_second)
        )
        buckets = ((*overall, 1.0), ((token, chat_id), count, window))
        wait = 0.0
        for key, limit, span in buckets:
            sent = self._sent.setdefault(key, deque())
            while sent and sent[0] <= now - span:
                sent.popleft()
            if len(sent) >= limit:
                wait = max(wait, sent[0] + span - now)
        if wait > 0:
            retry = max(1, math.ceil(wait))
            raise ApiError(429, f"Too Many Requests: retry after {retry}", retry)
        for key, _, _ in buckets:
            self._sent[key].append(now)
