"""Failure injection and recorded-call queries, the part of FakeBotAPI that tests talk to."""

from __future__ import annotations

from typing import Any

from .limits import FailureRule
from .pipeline import Pipeline
from .state import RecordedCall, StoredMessage


class TestQueries:
    """Mixed into FakeBotAPI: inject failures, inspect calls and the bot's messages."""

    __test__ = False  # not a pytest test class despite the name
    pipeline: Pipeline

    # -- failures --------------------------------------------------------------------------
    def fail(
        self,
        token: str | None = None,
        *,
        method: str | None = None,
        chat_id: int | str | None = None,
        error_code: int = 400,
        description: str = "",
        retry_after: int | None = None,
        times: int | None = None,
    ) -> FailureRule:
        """Answer matching calls with an error (429 gets parameters.retry_after)."""
        if error_code == 429 and retry_after is None:
            retry_after = 1
        rule = FailureRule(token, method, chat_id, error_code, description, retry_after, times)
        return self.pipeline.failures.add(rule)

    def clear_failures(self) -> None:
        """Remove all injected failures."""
        self.pipeline.failures.rules.clear()

    # -- queries for tests -----------------------------------------------------------------
    def calls(
        self,
        method: str | None = None,
        chat_id: int | str | None = None,
        ok: bool | None = None,
        token: str | None = None,
    ) -> list[RecordedCall]:
        """Recorded calls, oldest first, filtered by method (any case), chat, outcome, token."""
        found = []
        for state in self.pipeline.states.values():
            if token is None or state.token == token:
                found += state.calls
        found.sort(key=lambda c: c.timestamp)
        return [
            c
            for c in found
            if (method is None or c.method.lower() == method.lower())
            and (chat_id is None or str(c.chat_id) == str(chat_id))
            and (ok is None or c.ok == ok)
        ]

    def sent_messages(
        self, chat_id: int, token: str | None = None, *, include_deleted: bool = False
    ) -> list[dict[str, Any]]:
        """The bot's messages in a chat as they are now (edits applied), oldest first."""
        messages = []
        for state in self.pipeline.states.values():
            if token is None or state.token == token:
                for stored in state.messages.get(chat_id, {}).values():
                    if stored.outgoing and (include_deleted or not stored.deleted):
                        messages.append(stored.data)
        return sorted(messages, key=lambda m: (m["date"], m["message_id"]))

    def conversation(self, token: str, chat_id: int) -> list[StoredMessage]:
        """Both sides of a chat in order (what a web chat shows), deleted ones included."""
        stored = self.pipeline.state(token).messages.get(chat_id, {})
        return [stored[k] for k in sorted(stored)]
