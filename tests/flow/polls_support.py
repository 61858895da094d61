"""Helpers for the poll tests: stored polls, the sender delivering them, people voting."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from bot.services.polls import lifecycle as polls
from bot.services.polls import results as poll_results
from bot.services.polls.input import PollAudience, PollDraft
from bot.services.polls.results import Results
from db.models import Poll
from db.repositories import polls as repo
from tests.flow.harness import TOKEN, Chat, Harness
from tests.flow.ideas_support import deliver as deliver  # the polls' tests send with it too

QUESTIONS = {
    "de": "Was wünschst du dir am Innenhafen?",
    "tr": "Innenhafen'da ne görmek istersin?",
    "ar": "ماذا تتمنى في إنينهافن؟",
}
OPTIONS = {
    "de": ["Mehr Sitzplätze", "Sportflächen", "Mehr Grün"],
    "tr": ["Daha fazla oturma yeri", "Spor alanları", "Daha fazla yeşil alan"],
    "ar": ["مقاعد أكثر", "مساحات رياضية", "مساحات خضراء أكثر"],
}


async def create_poll(harness: Harness, **changes: Any) -> Poll:
    """A poll in German, Turkish and Arabic, closing in three days, sent right away."""
    values: dict[str, Any] = {
        "questions": QUESTIONS,
        "options": OPTIONS,
        "closes_at": datetime.now(UTC) + timedelta(days=3),
        "audience": PollAudience(),
    }
    async with harness.runtime.session_factory() as session:
        return await polls.create(
            session, harness.runtime.clock, PollDraft(**(values | changes)), created_by=900
        )


def native_poll(chat: Chat) -> dict[str, Any]:
    """The newest native poll in a chat."""
    return next(m for m in reversed(chat.messages()) if "poll" in m)["poll"]


async def vote(harness: Harness, chat: Chat, option_ids: list[int]) -> None:
    """The resident taps options in the poll (empty: retracts); Telegram's updates reach the bot."""
    poll_id = native_poll(chat)["id"]
    for update in harness.api.vote(TOKEN, poll_id, chat.user, option_ids):
        await harness.feed(update)


async def results(harness: Harness, poll_id: int) -> Results:
    """The poll's results as staff see them."""
    async with harness.runtime.session_factory() as session:
        poll = await repo.get(session, poll_id)
        assert poll is not None
        return await poll_results.compute(session, poll)
