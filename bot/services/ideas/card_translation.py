"""The machine translation on an idea's staff card: what the card shows, and the translation
tick that fills it in.

A staff card is posted at once (the resident never waits); the translation tick translates the
ideas whose card went out and queues the card's edit (through the outbox, so it is not lost).
A failure is counted per idea (`translation_failures`): that idea waits, doubling its pause after
each failure, while the tick moves on to the next one — a text the provider always refuses can't
hold up the ideas behind it. After GIVE_UP_AFTER failures the card says the translation is
unavailable and the tick leaves the idea alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox import NOTICE, enqueue
from bot.services.clock import Clock
from bot.services.translation.cache import cached, translate_or_raise, wanted
from bot.services.translation.engine import (
    Provider,
    Translated,
    TranslationUnavailable,
    Translator,
)
from db.models import Idea, TranslationFailure
from db.repositories import ideas as idea_repo
from db.repositories import translations as repo

log = logging.getLogger(__name__)
BATCH = 10  # ideas translated per tick at most
# Ideas older than this get no late translation on their card (its staff have moved on).
CARD_WINDOW = timedelta(days=14)
GIVE_UP_AFTER = 6  # failures; then the card says "unavailable"
FIRST_PAUSE = timedelta(minutes=1)  # after the first failure; doubled after each further one
LONGEST_PAUSE = timedelta(hours=1)


@dataclass(frozen=True)
class CardTranslation:
    """What the staff card shows below the idea's text."""

    translated: Translated | None = None
    awaiting: bool = False  # "… it will be added to this card"
    unavailable: bool = False  # the tick gave up: "translation unavailable"


# Renders the card with what it shows of the translation: editMessageText text and markup.
CardRenderer = Callable[[Idea, CardTranslation], dict[str, Any]]


@dataclass(frozen=True)
class StaffCard:
    """The idea's staff card as any later edit shows it, in the staff chat's language: its
    text with the stored translation and the "Last change" lines kept with the idea."""

    render: CardRenderer
    translate_provider: str
    staff_language: str

    async def params(self, session: AsyncSession, idea: Idea) -> dict[str, Any]:
        """editMessageText parameters (text, buttons) without chat and message id."""
        shown = await card_translation(session, self.translate_provider, idea, self.staff_language)
        return self.render(idea, shown)


def translated_key(idea_id: int) -> str:
    """The dedupe key of the card edit that adds the translation (once per idea)."""
    return f"idea:{idea_id}{repo.TRANSLATED}"


def unavailable_key(idea_id: int) -> str:
    """The dedupe key of the card edit that says the translation is unavailable."""
    return f"idea:{idea_id}{repo.UNAVAILABLE}"


def card_awaits(provider: str, idea: Idea, staff_language: str) -> bool:
    """Whether a card shows "translation not there yet": a provider, another known language."""
    return provider != Provider.NONE and idea.language not in (None, staff_language)


async def card_translation(
    session: AsyncSession, provider: str, idea: Idea, staff_language: str
) -> CardTranslation:
    """What the idea's staff card shows of its translation now (never asks the provider)."""
    if not card_awaits(provider, idea, staff_language) or idea.language is None:
        return CardTranslation()
    found = await cached(session, Provider(provider), idea.text, idea.language, staff_language)
    if found is not None:
        return CardTranslation(found)
    failure = await repo.failure(session, idea.id, staff_language, provider)
    if failure is not None and failure.attempts >= GIVE_UP_AFTER:
        return CardTranslation(unavailable=True)
    return CardTranslation(awaiting=True)


def pause_after(attempts: int) -> timedelta:
    """How long an idea waits after its `attempts`-th failure."""
    return min(FIRST_PAUSE * 2 ** (attempts - 1), LONGEST_PAUSE)


async def count_failure(
    session: AsyncSession, idea: Idea, target: str, provider: Provider, now: datetime
) -> bool:
    """One more failure for the idea's card translation (not committed); True: given up."""
    failure = await repo.failure(session, idea.id, target, provider)
    if failure is None:
        failure = TranslationFailure(idea_id=idea.id, target=target, provider=provider.value)
        failure.attempts = 0
        session.add(failure)
    failure.attempts += 1
    failure.next_try_at = now + pause_after(failure.attempts)
    return failure.attempts >= GIVE_UP_AFTER


async def queue_card_edit(
    session: AsyncSession, clock: Clock, idea: Idea, params: dict[str, Any], key: str
) -> None:
    """Queue the edit of the idea's staff card (if it was sent), once per key."""
    where = await idea_repo.staff_card(session, idea)
    if where is not None:
        await enqueue(
            session, chat_id=where[0], method="editMessageText",
            params={"message_id": where[1]} | params, dedupe_key=key, now=clock.now(),
            user_id=idea.user_id, priority=NOTICE,
        )  # fmt: skip


async def translate_cards(
    session: AsyncSession,
    clock: Clock,
    translator: Translator,
    staff_language: str,
    render: CardRenderer,
) -> int:
    """Translate the ideas whose card awaits it and queue each card's edit; how many. A refused
    text is counted and skipped; after an outage (no answer, over budget) the tick stops, as
    the next texts would fail alike."""
    now, provider = clock.now(), translator.provider
    done = 0
    due = await repo.awaiting_card_translation(
        session, staff_language, provider, now, now - CARD_WINDOW, GIVE_UP_AFTER, BATCH
    )
    for idea in due:
        try:
            if not wanted(translator, idea.language, staff_language):
                raise TranslationUnavailable("pair not offered", refused=True)
            translated = await translate_or_raise(
                session, translator, idea.text, idea.language, staff_language, idea_id=idea.id
            )
        except TranslationUnavailable as error:
            log.warning("idea %s: translation unavailable: %s", idea.id, error)
            if await count_failure(session, idea, staff_language, provider, now):
                params = render(idea, CardTranslation(unavailable=True))
                await queue_card_edit(session, clock, idea, params, unavailable_key(idea.id))
            await session.commit()
            if not error.refused:
                break
            continue
        assert translated is not None  # wanted, so translated or raised
        params = render(idea, CardTranslation(translated))
        await queue_card_edit(session, clock, idea, params, translated_key(idea.id))
        await session.commit()
        done += 1
    return done
