"""The translation tick and ideas whose text the provider can't translate: each failure is
counted for its idea, that idea waits (longer after each failure) while the tick moves on, and
after GIVE_UP_AFTER failures its card says the translation is unavailable. LibreTranslate fake."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ideas.card_translation import GIVE_UP_AFTER, card_translation, translate_cards
from bot.services.personal_data import rights as personal_data
from db.models import OutboxMessage, TranslationFailure
from tests.db.support import FixedClock
from tests.db.test_translations import NOW, STAFF, TURKISH, client, idea, render, resident
from tests.translation_fakes import Failure, FakeProvider, libretranslate_app, serving


def asked(fake: FakeProvider) -> list[str]:
    return [r["q"] for r in fake.requests if r["path"] == "/translate"]


async def edits(session: AsyncSession) -> dict[str, str]:
    rows = (await session.execute(select(OutboxMessage).order_by(OutboxMessage.id))).scalars()
    return {row.dedupe_key: json.loads(row.payload)["text"] for row in rows}


async def test_a_text_the_provider_refuses_does_not_hold_up_the_ideas_behind_it(
    session: AsyncSession,
) -> None:
    user = await resident(session)
    refused, behind = await idea(session, user, 2), await idea(session, user, 4)
    await session.commit()
    fake = FakeProvider(refused={refused.text})
    async with serving(libretranslate_app(fake), fake):
        done = await translate_cards(session, FixedClock(NOW), client(fake), "de", render)
    assert done == 1
    assert list(await edits(session)) == [f"idea:{behind.id}:staff:translated"]
    failure = await session.get(TranslationFailure, (refused.id, "de", "libretranslate"))
    assert failure is not None and failure.attempts == 1
    assert failure.next_try_at > NOW


async def test_a_refused_idea_waits_longer_each_time_then_its_card_says_unavailable(
    session: AsyncSession,
) -> None:
    user = await resident(session)
    refused = await idea(session, user, 2)
    await session.commit()
    clock = FixedClock(NOW)
    fake = FakeProvider(refused={refused.text})
    pauses = []
    async with serving(libretranslate_app(fake), fake):
        translator = client(fake)
        for attempt in range(1, GIVE_UP_AFTER + 1):
            assert await translate_cards(session, clock, translator, "de", render) == 0
            assert asked(fake) == [refused.text] * attempt
            assert await translate_cards(session, clock, translator, "de", render) == 0
            assert asked(fake) == [refused.text] * attempt  # it waits: not asked again at once
            failure = await session.get(TranslationFailure, (refused.id, "de", "libretranslate"))
            assert failure is not None
            pauses.append(failure.next_try_at - clock.moment)
            clock.moment = failure.next_try_at
        shown = await card_translation(session, "libretranslate", refused, "de")
        clock.moment += timedelta(days=1)
        assert await translate_cards(session, clock, translator, "de", render) == 0
    assert len(asked(fake)) == GIVE_UP_AFTER  # given up: never asked again
    assert pauses == sorted(pauses) and pauses[0] < pauses[-1]
    assert shown.unavailable and not shown.awaiting and shown.translated is None
    assert await edits(session) == {
        f"idea:{refused.id}:staff:untranslated": "card I-2026-0002\nunavailable=True"
    }


async def test_an_outage_stops_the_tick_and_every_idea_is_tried_again_later(
    session: AsyncSession,
) -> None:
    user = await resident(session)
    first, second = await idea(session, user, 2), await idea(session, user, 4)
    await session.commit()
    clock = FixedClock(NOW)
    fake = FakeProvider()
    fake.fail_next = [Failure(503, {"error": "busy"}) for _ in range(3)]
    async with serving(libretranslate_app(fake), fake):
        translator = client(fake)
        assert await translate_cards(session, clock, translator, "de", render) == 0
        assert asked(fake) == [first.text] * 3  # the second idea would have failed alike
        assert await translate_cards(session, clock, translator, "de", render) == 1  # 2nd idea
        clock.moment = NOW + timedelta(minutes=1)
        assert await translate_cards(session, clock, translator, "de", render) == 1
    assert set(await edits(session)) == {
        f"idea:{first.id}:staff:translated",
        f"idea:{second.id}:staff:translated",
    }
    assert TURKISH in first.text


async def test_failure_counts_go_with_the_erased_persons_ideas(session: AsyncSession) -> None:
    gone = await resident(session, 5001)
    refused = await idea(session, gone, 2)
    await session.commit()
    fake = FakeProvider(refused={refused.text})
    async with serving(libretranslate_app(fake), fake):
        await translate_cards(session, FixedClock(NOW), client(fake), "de", render)
    assert await session.get(TranslationFailure, (refused.id, "de", "libretranslate"))
    how = personal_data.Erasure(
        b"k", FixedClock(NOW), lambda *a: {"text": "x"}, "de", STAFF, "[removed]"
    )
    await personal_data.erase(session, gone, how, keep_public_ideas=False)
    await session.commit()
    assert (await session.execute(select(TranslationFailure))).scalars().all() == []
