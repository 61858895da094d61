"""The translation cache, the staff cards' translation tick and erasure, against the
LibreTranslate fake (an aiohttp server the test starts; no real provider is reachable here)."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ideas.card_translation import CardTranslation, StaffCard, translate_cards
from bot.services.ideas.erasure import StaffChatTexts
from bot.services.personal_data import rights as personal_data
from bot.services.translation.cache import translate
from bot.services.translation.engine import Translated
from bot.translation.http import Transport
from bot.translation.libretranslate import LibreTranslateClient
from db.models import Idea, OutboxMessage, Translation, User
from db.session import create_engine, create_session_factory
from tests.db.support import FixedClock
from tests.translation_fakes import Failure, FakeProvider, libretranslate_app, serving

NOW = datetime(2026, 12, 7, 10, tzinfo=UTC)
STAFF = StaffChatTexts(
    lambda reference: f"{reference} removed",
    StaffCard(lambda idea, shown: {"text": "card"}, "none", "de"),
)
TURKISH = "Rhein kıyısına daha fazla bank koyun lütfen."


async def no_wait(_seconds: float) -> None:
    return None


def client(fake: FakeProvider) -> LibreTranslateClient:
    return LibreTranslateClient(fake.url, None, Transport(5.0, 60, sleep=no_wait))


async def resident(session: AsyncSession, telegram_id: int = 5001) -> User:
    user = User(telegram_id=telegram_id, language="tr")
    session.add(user)
    await session.flush()
    return user


async def idea(session: AsyncSession, user: User, number: int, *, posted: bool = True) -> Idea:
    row = Idea(
        reference=f"I-2026-{number:04d}", year=2026, number=number, topic="environment",
        district="mitte", text=TURKISH if number % 2 else f"{TURKISH} ({number})",
        language="tr", user_id=user.id, status="submitted", created_at=NOW,
        staff_chat_id=-100 if posted else None, staff_message_id=70 + number if posted else None,
    )  # fmt: skip
    session.add(row)
    await session.flush()
    return row


def render(idea: Idea, shown: CardTranslation) -> dict[str, Any]:
    if shown.translated is None:
        return {"text": f"card {idea.reference}\nunavailable={shown.unavailable}"}
    return {"text": f"card {idea.reference}\n{shown.translated.label}: {shown.translated.text}"}


async def test_the_same_text_goes_to_the_provider_once(session: AsyncSession) -> None:
    fake = FakeProvider()
    user = await resident(session)
    first, second = await idea(session, user, 1), await idea(session, user, 3)  # same text
    async with serving(libretranslate_app(fake), fake):
        translator = client(fake)
        one = await translate(session, translator, first.text, "tr", "de", idea_id=first.id)
        two = await translate(session, translator, second.text, "tr", "de", idea_id=second.id)
        await session.commit()
    assert one == two == Translated(f"[de] {TURKISH}", translator.provider)
    assert [r["path"] for r in fake.requests].count("/translate") == 1
    assert await session.scalar(select(func.count()).select_from(Translation)) == 1


async def test_a_failing_provider_gives_none_and_stores_nothing(session: AsyncSession) -> None:
    fake = FakeProvider()
    fake.fail_next = [Failure(500, {"error": "down"}) for _ in range(3)]
    user = await resident(session)
    row = await idea(session, user, 1)
    async with serving(libretranslate_app(fake), fake):
        found = await translate(session, client(fake), row.text, "tr", "de", idea_id=row.id)
    assert found is None
    assert await session.scalar(select(func.count()).select_from(Translation)) == 0


async def test_the_tick_edits_posted_cards_once_and_retries_after_a_failure(
    session: AsyncSession,
) -> None:
    fake = FakeProvider()
    user = await resident(session)
    posted = await idea(session, user, 2)
    waiting = await idea(session, user, 4, posted=False)  # its card is not out yet
    await session.commit()
    clock = FixedClock(NOW)
    async with serving(libretranslate_app(fake), fake):
        translator = client(fake)
        fake.fail_next = [Failure(503, {"error": "busy"}) for _ in range(3)]
        assert await translate_cards(session, clock, translator, "de", render) == 0
        assert await session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
        assert await translate_cards(session, clock, translator, "de", render) == 0  # waits
        clock.moment = NOW + timedelta(minutes=1)
        assert await translate_cards(session, clock, translator, "de", render) == 1
        assert await translate_cards(session, clock, translator, "de", render) == 0  # once
    edits = list((await session.execute(select(OutboxMessage))).scalars())
    assert [(e.method, e.chat_id, e.dedupe_key) for e in edits] == [
        ("editMessageText", -100, f"idea:{posted.id}:staff:translated")
    ]
    payload = json.loads(edits[0].payload)
    assert payload["message_id"] == 72
    assert payload["text"] == f"card I-2026-0002\nLibreTranslate: [de] {posted.text}"
    assert waiting.staff_message_id is None


async def test_translations_go_with_the_erased_person_and_stay_with_a_kept_idea(
    session: AsyncSession,
) -> None:
    fake = FakeProvider()
    gone, stays = await resident(session, 5001), await resident(session, 5002)
    own = await idea(session, gone, 1)
    kept = await idea(session, stays, 2)
    kept.status = "published"
    async with serving(libretranslate_app(fake), fake):
        for row in (own, kept):
            await translate(session, client(fake), row.text, "tr", "de", idea_id=row.id)
    await session.commit()
    clock = FixedClock(NOW)
    how = personal_data.Erasure(b"k", clock, lambda *a: {"text": "x"}, "de", STAFF, "[removed]")
    await personal_data.erase(session, gone, how, keep_public_ideas=False)
    await personal_data.erase(session, stays, how, keep_public_ideas=True)
    await session.commit()
    left = list((await session.execute(select(Translation.idea_id))).scalars())
    assert left == [kept.id]


async def test_no_database_lock_is_held_while_the_provider_thinks(database_url: str) -> None:
    engine = create_engine(database_url)
    factory = create_session_factory(engine)
    fake = FakeProvider(delay=1.0)
    try:
        async with serving(libretranslate_app(fake), fake), factory() as first:
            user = await resident(first, 6001)  # a write, not committed yet
            row = await idea(first, user, 1)
            asking = asyncio.create_task(
                translate(first, client(fake), row.text, "tr", "de", idea_id=row.id)
            )
            await asyncio.wait_for(fake.arrived.wait(), timeout=5)
            async with factory() as second:  # another update writes meanwhile
                second.add(User(telegram_id=6002))
                await asyncio.wait_for(second.commit(), timeout=0.5)
            assert not asking.done()
            assert await asking is not None
    finally:
        await engine.dispose()
