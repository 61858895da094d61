"""The relay with machine translation: a Turkish resident reads the German organisation in
Turkish, the organisation reads her answers in German, each with the original below. A provider
that fails passes the original on, marked; relayed texts and their translations are not kept.
The provider is the LibreTranslate fake (an aiohttp server the test starts)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from bot.sandbox.server import FakeBotAPI
from db.models import Translation
from tests.flow.announce_support import resident
from tests.flow.conftest import checked
from tests.flow.harness import TOKEN, Harness
from tests.flow.ideas_support import STAFF_CHAT, StaffMember, deliver
from tests.flow.test_volunteering_relay import interested, relayed_rows, reply_in, texts_in
from tests.flow.volunteering_support import opportunity, organisation
from tests.translation_fakes import Failure, FakeProvider, libretranslate_app, serving

GERMAN = "Hallo! Passt es Ihnen am Dienstag um 15 Uhr bei uns im Stadtteilzentrum?"
TURKISH = "Evet, salı günü saat üçte gelebilirim, teşekkür ederim."


@pytest.fixture
async def fake() -> AsyncIterator[FakeProvider]:
    provider = FakeProvider()
    async with serving(libretranslate_app(provider), provider):
        yield provider


@pytest.fixture
async def h(
    fake_api: tuple[FakeBotAPI, str], database_url: str, fake: FakeProvider
) -> AsyncIterator[Harness]:
    async with checked(
        *fake_api, database_url, staff_chat_id=STAFF_CHAT,
        translate_provider="libretranslate", translate_url=fake.url,
    ) as bot_harness:  # fmt: skip
        yield bot_harness


def note(h: Harness, language: str) -> str:
    return h.t("Machine translation ({provider}). Original:", language).format(
        provider="LibreTranslate"
    )


async def stored_translations(h: Harness) -> int:
    async with h.runtime.session_factory() as session:
        return int(await session.scalar(select(func.count()).select_from(Translation)) or 0)


async def test_both_sides_read_each_other_in_their_own_language(
    h: Harness, fake: FakeProvider
) -> None:
    org = await organisation(h)
    wanted = await opportunity(h, org, "Lesepatin", languages=("de", "tr"))
    ayse = await resident(h, 840, "tr", onboarded=True)
    tag = await interested(h, ayse, wanted, "Merhaba!")
    team = StaffMember(h, 994, "Jana")
    await reply_in(h, team.chat, team.user, team.card(f"#{tag}"), GERMAN)
    assert texts_in(h, STAFF_CHAT)[-1] == h.t("Passed on to #{tag}.", "de").format(tag=tag)
    await deliver(h)
    relayed = ayse.last_text()
    translation, original = relayed.split(note(h, "tr"))
    assert f"[tr] {GERMAN}" in translation and GERMAN in original
    assert translation.index("Lesepatin (TR)") < translation.index("[tr]")  # heading first

    await ayse.press("↩️")
    await ayse.send(TURKISH)
    assert ayse.last_text() == h.t("Sent to the organisation.", "tr")
    await deliver(h)
    answer = h.api.sent_messages(STAFF_CHAT, TOKEN)[-1]
    translation, original = answer["text"].split(note(h, "de"))
    assert f"#{tag}" in translation and f"[de] {TURKISH}" in translation
    assert TURKISH in original and "[de]" not in original
    asked = [(r["source"], r["target"]) for r in fake.requests if r["path"] == "/translate"]
    assert asked == [("de", "tr"), ("tr", "de")]
    assert await relayed_rows(h) == 0 and await stored_translations(h) == 0  # nothing kept

    # The team replies to the translated answer: passed on the same way.
    await reply_in(h, team.chat, team.user, answer, "Super!")
    await deliver(h)
    assert "[tr] Super!" in ayse.last_text()


async def test_a_failing_provider_passes_the_original_on_marked(
    h: Harness, fake: FakeProvider
) -> None:
    org = await organisation(h)
    wanted = await opportunity(h, org, "Lesepatin", languages=("de", "tr"))
    ayse = await resident(h, 841, "tr", onboarded=True)
    tag = await interested(h, ayse, wanted, "Merhaba!")
    team = StaffMember(h, 995, "Jana")
    fake.fail_next = [Failure(503, {"error": "busy"}) for _ in range(3)]  # every attempt
    await reply_in(h, team.chat, team.user, team.card(f"#{tag}"), GERMAN)
    assert texts_in(h, STAFF_CHAT)[-1] == h.t("Passed on to #{tag}.", "de").format(tag=tag)
    await deliver(h)
    relayed = ayse.last_text()
    assert GERMAN in relayed and "[tr]" not in relayed
    assert h.t("Translation unavailable.", "tr") in relayed


async def test_the_same_language_is_not_sent_to_the_provider(
    h: Harness, fake: FakeProvider
) -> None:
    org = await organisation(h)
    wanted = await opportunity(h, org, "Lesepatin")
    jan = await resident(h, 842, "de", onboarded=True)
    tag = await interested(h, jan, wanted, "Hallo, ich helfe gern.")
    team = StaffMember(h, 996, "Jana")
    await reply_in(h, team.chat, team.user, team.card(f"#{tag}"), GERMAN)
    await deliver(h)
    assert GERMAN in jan.last_text() and note(h, "de") not in jan.last_text()
    assert h.t("Translation unavailable.", "de") not in jan.last_text()
    assert not [r for r in fake.requests if r["path"] == "/translate"]
