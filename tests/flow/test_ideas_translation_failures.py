"""Machine translation when things go wrong, as staff and authors see it (LibreTranslate fake):
the staff card keeps its "Last change" lines when its translation arrives late, says the
translation is unavailable once the tick gave up, and a comment whose translation fails still
reaches the author — in German, with a note in the author's language."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from html import escape

from bot.sandbox import updates
from bot.sandbox.server import FakeBotAPI
from bot.services.bidi import isolate
from bot.services.ideas.card_translation import GIVE_UP_AFTER
from tests.flow.announce_support import resident
from tests.flow.conftest import checked
from tests.flow.harness import Harness
from tests.flow.ideas_support import (
    STAFF_CHAT,
    StaffMember,
    deliver,
    moderator,
    notices,
    reference,
)
from tests.flow.test_ideas_hand_in import hand_in
from tests.flow.test_ideas_translation import COMMENT, TURKISH, label
from tests.flow.translation_support import tick
from tests.translation_fakes import Failure, FakeProvider, libretranslate_app, serving


@asynccontextmanager
async def translating(
    fake_api: tuple[FakeBotAPI, str], database_url: str, fake: FakeProvider
) -> AsyncIterator[Harness]:
    async with (
        serving(libretranslate_app(fake), fake),
        checked(
            *fake_api, database_url, staff_chat_id=STAFF_CHAT,
            translate_provider="libretranslate", translate_url=fake.url,
        ) as h,
    ):  # fmt: skip
        yield h


def last_change(h: Harness) -> str:
    """The start of the card's "Last change" line, in the staff's German."""
    return h.t("Last change: {status} by {name}, {date}", "de").split("{status}")[0]


def card(mod: StaffMember, h: Harness) -> str:
    return str(mod.card(reference(h))["text"])


async def test_a_late_translation_keeps_the_cards_last_change(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    fake = FakeProvider()
    async with translating(fake_api, database_url, fake) as h:
        author = await resident(h, 880, "tr")
        await hand_in(h, author, "tr", TURKISH)
        mod = await moderator(h)
        fake.fail_next = [Failure(503, {"error": "busy"}) for _ in range(3)]
        assert await tick(h) == 0  # the provider is down for now
        await mod.press(reference(h), h.t("Start review", "de"))
        reviewed = card(mod, h)
        [change] = [line for line in reviewed.splitlines() if line.startswith(last_change(h))]
        assert "Mira" in change
        assert await tick(h, waited=True) == 1  # the provider is back: the card is edited
        await deliver(h)
        translated = card(mod, h)
        assert change in translated.split(label(h))[0]
        assert f"[de] {TURKISH}" in translated.split(label(h))[1]

        await mod.decide(reference(h), h.t("Publish", "de"), COMMENT)  # after the translation
        published = card(mod, h)
        assert label(h) in published and change not in published
        assert last_change(h) in published.split(label(h))[0]


async def test_a_text_the_provider_refuses_ends_as_unavailable_on_the_card(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    fake = FakeProvider(refused={TURKISH})
    async with translating(fake_api, database_url, fake) as h:
        author = await resident(h, 882, "tr")
        await hand_in(h, author, "tr", TURKISH)
        mod = await moderator(h)
        awaiting = h.t(
            "Machine translation not available yet; it will be added to this card.", "de"
        )
        unavailable = "🌐 " + h.t("Machine translation unavailable for this idea.", "de")
        for _attempt in range(GIVE_UP_AFTER):
            assert awaiting in card(mod, h)
            assert await tick(h, waited=True) == 0
            await deliver(h)
        assert unavailable in card(mod, h) and awaiting not in card(mod, h)
        assert await tick(h, waited=True) == 0
        assert sum(r.get("q") == TURKISH for r in fake.requests) == GIVE_UP_AFTER
        await mod.decide(reference(h), h.t("Publish", "de"))
        assert unavailable in card(mod, h) and last_change(h) in card(mod, h)


async def test_a_comment_whose_translation_fails_reaches_the_author_in_german_with_a_note(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    fake = FakeProvider()
    async with translating(fake_api, database_url, fake) as h:
        author = await resident(h, 883, "tr")
        await hand_in(h, author, "tr", TURKISH)
        mod = await moderator(h)
        fake.fail_next = [Failure(500, {"error": "translation failed"}) for _ in range(3)]
        await mod.decide(reference(h), h.t("Publish", "de"), COMMENT)
        assert h.t("Done. The author gets a message.", "de") in mod.messages()[-1]["text"]
        [notice] = await notices(h, 883)
        head = h.t(
            "🎉 Your idea {reference} has been published. Everyone can now see and support it.",
            "tr",
        ).format(reference=reference(h))
        said = h.t("Comment from the city team: {comment}", "tr").format(comment=isolate(COMMENT))
        note = h.t(
            "The machine translation is not available right now, so the city team's comment "
            "is shown as they wrote it.",
            "tr",
        )
        assert notice == f"{head}\n{said}\n\n🌐 <i>{escape(note)}</i>"
        await deliver(h)  # the Bot API takes it as it is


async def test_a_decision_overtaken_by_another_moderator_sends_nothing_to_the_provider(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    fake = FakeProvider()
    async with translating(fake_api, database_url, fake) as h:
        author = await resident(h, 884, "tr")
        await hand_in(h, author, "tr", TURKISH)
        mod = await moderator(h)
        other = StaffMember(h, 951, "Jonas")
        await moderator(h, 951)
        await mod.press(reference(h), h.t("Publish", "de"))  # asked for a comment …
        question = mod.messages()[-1]
        await other.decide(reference(h), h.t("Publish", "de"))  # … another publishes first
        reply = updates.message(mod.user, mod.chat, text=COMMENT, reply_to_message=question)
        await h.feed(updates.update(0, message=reply))  # Mira answers her question
        assert COMMENT not in [r.get("q") for r in fake.requests]  # the comment never went
        assert mod.messages()[-1]["text"] == h.t(
            "This idea is no longer in a state where this is possible.", "de"
        )
