"""A decision on the dashboard for an idea in another language (LibreTranslate fake): the author
gets the staff comment translated, as from the chat, and the staff chat's card is edited through
the outbox with its stored translation and the same "Last change" lines — which every later
edit of the card keeps (the translation arriving late). A card edit still queued never
overwrites a newer card."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from aiohttp.test_utils import TestClient, TestServer

from bot.dashboard.serve import dashboard_app
from bot.sandbox.server import FakeBotAPI
from bot.services.bidi import isolate
from tests.db.dashboard_support import sign_in
from tests.flow.announce_support import resident
from tests.flow.harness import Harness
from tests.flow.ideas_support import MODERATOR_ID, deliver, moderator, notices, reference
from tests.flow.test_ideas_hand_in import hand_in
from tests.flow.test_ideas_moderation import status_line
from tests.flow.test_ideas_translation import COMMENT, TURKISH, label
from tests.flow.test_ideas_translation_failures import translating
from tests.flow.translation_support import tick
from tests.translation_fakes import Failure, FakeProvider


@asynccontextmanager
async def dashboard(h: Harness) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    """The dashboard on the bot's database, settings, catalogs and translator."""
    runtime = h.runtime
    app = dashboard_app(
        runtime.settings, runtime.clock, runtime.session_factory, runtime.i18n, runtime.translator
    )
    async with TestClient(TestServer(app)) as client:
        yield client


async def decide_on_dashboard(h: Harness, action: str, comment: str) -> None:
    async with dashboard(h) as client:
        csrf = await sign_in(client, h.runtime.session_factory, MODERATOR_ID, h.runtime.clock)
        done = await client.post(
            f"/ideas/{reference(h)}/decide",
            data={"csrf": csrf, "action": action, "comment": comment}, allow_redirects=False,
        )  # fmt: skip
        assert done.status == 303


def dashboard_change(h: Harness) -> str:
    """The card's "Last change" line after a dashboard decision, up to its date."""
    who = h.t("staff member {id} on the dashboard", "de").format(id=MODERATOR_ID)
    line = h.t("Last change: {status} by {name}, {date}", "de").split(", {date}")[0]
    return line.format(status=h.t("Published", "de"), name=isolate(who))


async def test_a_dashboard_decision_translates_the_comment_and_edits_the_translated_card(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    fake = FakeProvider()
    async with translating(fake_api, database_url, fake) as h:
        author = await resident(h, 890, "tr")
        await hand_in(h, author, "tr", TURKISH)
        mod = await moderator(h)
        assert await tick(h) == 1
        await deliver(h)
        await decide_on_dashboard(h, "publish", COMMENT)
        [notice] = await notices(h, 890)  # in Turkish, as from the chat's buttons
        said = h.t("Comment from the city team: {comment}", "tr")
        assert said.format(comment=isolate(f"[tr] {COMMENT}")) in notice
        await deliver(h)
        original, translation = mod.card(reference(h))["text"].split(label(h))
        assert status_line(h, "Published") in original
        assert dashboard_change(h) in original
        comment_line = h.t("Comment to the author: {comment}", "de")
        assert comment_line.format(comment=isolate(COMMENT)) in original  # staff see theirs
        assert f"[de] {TURKISH}" in translation


async def test_a_late_translation_keeps_the_dashboard_decisions_last_change(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    fake = FakeProvider()
    async with translating(fake_api, database_url, fake) as h:
        author = await resident(h, 891, "tr")
        await hand_in(h, author, "tr", TURKISH)
        mod = await moderator(h)
        fake.fail_next = [Failure(503, {"error": "busy"}) for _ in range(3)]
        assert await tick(h) == 0  # the provider is down for now
        await decide_on_dashboard(h, "publish", "")
        await deliver(h)
        awaiting = h.t(
            "Machine translation not available yet; it will be added to this card.", "de"
        )
        decided = mod.card(reference(h))["text"]
        assert dashboard_change(h) in decided and awaiting in decided
        assert await tick(h, waited=True) == 1  # the provider is back: the card is edited
        await deliver(h)
        original, translation = mod.card(reference(h))["text"].split(label(h))
        assert status_line(h, "Published") in original and dashboard_change(h) in original
        assert f"[de] {TURKISH}" in translation and awaiting not in original


async def test_a_chat_decision_supersedes_a_translation_edit_still_queued(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    fake = FakeProvider()
    async with translating(fake_api, database_url, fake) as h:
        author = await resident(h, 892, "tr")
        await hand_in(h, author, "tr", TURKISH)
        mod = await moderator(h)
        assert await tick(h) == 1  # the card's edit with the translation is queued, not sent
        await mod.decide(reference(h), h.t("Publish", "de"), COMMENT)  # edits the card at once
        await deliver(h)  # the queued edit (still "handed in") must not undo that
        original, translation = mod.card(reference(h))["text"].split(label(h))
        assert status_line(h, "Published") in original and "Mira" in original
        assert f"[de] {TURKISH}" in translation


async def test_an_idea_kept_after_its_authors_erasure_keeps_translation_and_last_change(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    fake = FakeProvider()
    async with translating(fake_api, database_url, fake) as h:
        author = await resident(h, 893, "tr")
        await hand_in(h, author, "tr", TURKISH)
        mod = await moderator(h)
        assert await tick(h) == 1
        await deliver(h)
        await mod.decide(reference(h), h.t("Publish", "de"))
        [change] = [line for line in mod.card(reference(h))["text"].splitlines() if "Mira" in line]
        await author.send("/delete")
        await author.press(h.t("Yes, continue", "tr"))
        await author.press(h.t("Keep my ideas anonymous", "tr"))
        await deliver(h)
        original, translation = mod.card(reference(h))["text"].split(label(h))
        anonymous = h.t("Author: {tag}", "de").format(tag=h.t("anonymous (data deleted)", "de"))
        assert anonymous in original and change in original
        assert f"[de] {TURKISH}" in translation
