"""A decision on the dashboard shows on the idea's card in the staff chat, as one taken with the
card's buttons does: the same service queues the card's edit through the outbox."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiohttp.test_utils import TestClient, TestServer

from bot.dashboard.serve import dashboard_app
from bot.services.bidi import isolate
from tests.db.dashboard_support import sign_in
from tests.flow.announce_support import resident
from tests.flow.harness import Harness
from tests.flow.ideas_support import MODERATOR_ID, deliver, moderator, reference
from tests.flow.test_ideas_hand_in import hand_in
from tests.flow.test_ideas_moderation import status_line


@asynccontextmanager
async def dashboard(h: Harness) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    """The dashboard on the bot's database, settings and catalogs."""
    runtime = h.runtime
    app = dashboard_app(runtime.settings, runtime.clock, runtime.session_factory, runtime.i18n)
    async with TestClient(TestServer(app)) as client:
        yield client


def buttons(card: dict[str, Any]) -> list[str]:
    rows = card.get("reply_markup", {}).get("inline_keyboard", [])
    return [button["text"] for row in rows for button in row]


async def test_a_decision_on_the_dashboard_edits_the_card_in_the_staff_chat(
    ideas_harness: Harness,
) -> None:
    h = ideas_harness
    author = await resident(h, 821, "de")
    await hand_in(h, author, "de")
    mod = await moderator(h)
    assert status_line(h, "Handed in") in mod.card(reference(h))["text"]
    async with dashboard(h) as client:
        csrf = await sign_in(client, h.runtime.session_factory, MODERATOR_ID, h.runtime.clock)
        done = await client.post(
            f"/ideas/{reference(h)}/decide",
            data={"csrf": csrf, "action": "publish", "comment": "Gute Idee <danke>"},
            allow_redirects=False,
        )  # fmt: skip
        assert done.status == 303
    await deliver(h)
    card = mod.card(reference(h))
    assert status_line(h, "Published") in card["text"]
    who = h.t("staff member {id} on the dashboard", "de").format(id=MODERATOR_ID)
    assert who in card["text"]
    comment = h.t("Comment to the author: {comment}", "de")
    assert comment.format(comment=isolate("Gute Idee <danke>")) in card["text"]  # as shown
    # The buttons are the published idea's: no "Publish" any more, "Forward" now.
    assert h.t("Publish", "de") not in " ".join(buttons(card))
    assert any(h.t("Forward", "de") in label for label in buttons(card))
    # And the chat's buttons go on from there.
    await mod.decide(reference(h), h.t("Implemented", "de"), "Steht seit Montag.")
    assert status_line(h, "Implemented") in mod.card(reference(h))["text"]


async def test_a_chat_decision_supersedes_a_dashboard_edit_still_queued(
    ideas_harness: Harness,
) -> None:
    h = ideas_harness
    author = await resident(h, 822, "de")
    await hand_in(h, author, "de")
    mod = await moderator(h)
    async with dashboard(h) as client:
        csrf = await sign_in(client, h.runtime.session_factory, MODERATOR_ID, h.runtime.clock)
        await client.post(
            f"/ideas/{reference(h)}/decide", data={"csrf": csrf, "action": "review"}
        )  # queued, not sent yet
    await mod.decide(reference(h), h.t("Publish", "de"))  # the chat edits its card at once
    await deliver(h)  # the queued "in review" edit must not undo that
    card = mod.card(reference(h))["text"]
    assert status_line(h, "Published") in card and "Mira" in card
