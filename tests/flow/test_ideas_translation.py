"""Machine translation where staff and authors meet: a Turkish idea reaches the staff chat with
its German translation, and a staff comment reaches the author in Turkish with the German below.
The provider is the LibreTranslate fake (an aiohttp server the test starts)."""

from __future__ import annotations

from html import escape

from bot.sandbox.server import FakeBotAPI
from bot.scheduler import translation_tick
from bot.services.bidi import isolate
from tests.flow.announce_support import resident
from tests.flow.conftest import checked
from tests.flow.harness import Harness
from tests.flow.ideas_support import STAFF_CHAT, deliver, moderator, notices, reference
from tests.flow.test_ideas_hand_in import hand_in
from tests.flow.translation_support import tick
from tests.translation_fakes import Failure, FakeProvider, libretranslate_app, serving

TURKISH = (
    "Lütfen Rhein kıyısına daha fazla bank ve çöp kutusu koyun, akşamları orası çok kalabalık "
    "oluyor ve oturacak yer bulmak çok zor."
)
COMMENT = "Danke! Wir prüfen, was möglich ist."


def label(h: Harness) -> str:
    return "🌐 " + h.t("Machine translation ({provider})", "de").format(provider="LibreTranslate")


async def test_a_turkish_idea_reaches_staff_with_its_german_translation(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    fake = FakeProvider()
    async with (
        serving(libretranslate_app(fake), fake),
        checked(
            *fake_api, database_url, staff_chat_id=STAFF_CHAT,
            translate_provider="libretranslate", translate_url=fake.url,
        ) as h,
    ):  # fmt: skip
        author = await resident(h, 880, "tr")
        fake.fail_next = [Failure(503, {"error": "busy"}) for _ in range(3)]  # down at first
        await hand_in(h, author, "tr", TURKISH)
        assert reference(h) in author.last_text()  # confirmed without waiting for translation
        mod = await moderator(h)
        awaiting = h.t(
            "Machine translation not available yet; it will be added to this card.", "de"
        )
        assert awaiting in mod.card(reference(h))["text"]
        assert await translation_tick(h.runtime) == 0  # the provider failed: tried again later
        assert await translation_tick(h.runtime) == 0  # … not at once
        assert await tick(h, waited=True) == 1
        await deliver(h)
        card = mod.card(reference(h))["text"]
        original, translation = card.split(label(h))
        assert TURKISH in original
        assert f"[de] {TURKISH}" in translation and awaiting not in card
        assert await tick(h, waited=True) == 0  # once per idea

        await mod.decide(reference(h), h.t("Publish", "de"), COMMENT)
        assert label(h) in mod.card(reference(h))["text"]  # the edit keeps the translation
        [notice] = await notices(h, 880)
        head = h.t(
            "🎉 Your idea {reference} has been published. Everyone can now see and support it.",
            "tr",
        ).format(reference=reference(h))
        said = h.t("Comment from the city team: {comment}", "tr").format(
            comment=isolate(f"[tr] {COMMENT}")
        )
        note = h.t("Machine translation ({provider}). The city team wrote:", "tr").format(
            provider="LibreTranslate"
        )
        assert notice == (
            f"{head}\n{said}\n\n🌐 {escape(note)}\n"
            f"<blockquote expandable>{isolate(escape(COMMENT))}</blockquote>"
        )
        sent = [r for r in fake.requests if r["path"] == "/translate"]
        assert [(r["source"], r["target"]) for r in sent][-2:] == [("tr", "de"), ("de", "tr")]


async def test_without_a_provider_nothing_is_sent_and_the_card_says_nothing(
    ideas_harness: Harness,
) -> None:
    h = ideas_harness
    author = await resident(h, 881, "tr")
    await hand_in(h, author, "tr", TURKISH)
    mod = await moderator(h)
    card = mod.card(reference(h))["text"]
    assert h.runtime.translator is None and await translation_tick(h.runtime) == 0
    assert "🌐" not in card
    await mod.decide(reference(h), h.t("Publish", "de"), COMMENT)
    [notice] = await notices(h, 881)
    assert isolate(COMMENT) in notice and "🌐" not in notice


async def publish_turkish(h: Harness) -> int:
    """A Turkish idea handed in and published (through the services)."""
    from sqlalchemy import select

    from bot.services.clock import SystemClock
    from bot.services.ideas import lifecycle as ideas
    from bot.services.ideas.lifecycle import IdeaDraft
    from bot.services.ideas.moderation import Decision, decide
    from db.models import User

    await resident(h, 890, "tr")
    async with h.runtime.session_factory() as session:
        author = (await session.execute(select(User).where(User.telegram_id == 890))).scalar_one()
        draft = IdeaDraft(topic="environment", district="mitte", text=TURKISH)
        idea = await ideas.submit(session, SystemClock(), author, draft, per_day=100)
        await decide(session, SystemClock(), idea.id, Decision("publish", 1), lambda *a: "x", "de")
        assert idea.language == "tr"
        return idea.id


async def test_residents_read_an_idea_in_their_language(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    fake = FakeProvider()
    async with (
        serving(libretranslate_app(fake), fake),
        checked(
            *fake_api, database_url, translate_provider="libretranslate", translate_url=fake.url
        ) as h,
    ):
        await publish_turkish(h)
        reader = await resident(h, 891, "uk")
        author = await resident(h, 890, "tr")
        for chat, language in ((reader, "uk"), (author, "tr")):
            await chat.send("/menu")
            await chat.press("💡")
            await chat.press(h.t("Browse ideas", language))
        button = "1\ufe0f\u20e3 🌐 " + h.t("In my language", "uk")
        assert button in [b["text"] for b in reader.buttons()]
        assert not any("🌐" in b["text"] for b in author.buttons())  # it is the author's language
        fake.fail_next = [Failure(500, {"error": "down"}) for _ in range(3)]
        await reader.press(button)
        unavailable = h.t(
            "The translation is not available right now. Please try again later.", "uk"
        )
        assert unavailable in [c.params.get("text") for c in h.api.calls("answerCallbackQuery")]
        await reader.press(button)  # the provider is back
        shown = reader.last_text()
        label = "🌐 " + h.t("Machine translation ({provider})", "uk").format(
            provider="LibreTranslate"
        )
        assert TURKISH in shown.split(label)[0] and f"[uk] {TURKISH}" in shown.split(label)[1]
        await reader.press(h.t("Back", "uk"))
        assert button in [b["text"] for b in reader.buttons()]
        await reader.press(button)  # from the cache: nothing sent again
        assert sum(r.get("target") == "uk" for r in fake.requests) == 4  # 3 failed + 1
