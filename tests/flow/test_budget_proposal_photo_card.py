"""A Bürgerhaushalt proposal's card as residents see it: with a photo, the photo is the card and
the card its caption (shortened to Telegram's caption limit), the place a link to
openstreetmap.org; Support, Withdraw, Back and a press after proposals closed all work on it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from bot.sandbox import updates
from bot.services.text_length import utf16_len
from db.models import BudgetPhase, BudgetProcess, BudgetProposal
from tests.flow.announce_support import resident
from tests.flow.budget_proposals_support import handed_in, proposals_process
from tests.flow.harness import Chat, Harness
from tests.flow.ideas_support import alerts

TITLE = "Obstbäume für den Rheinpark"
# 1,900 UTF-16 units of the author's words (🌳 counts twice): the card is too long for a caption.
DESCRIPTION = ("Am Rheinpark fehlen schattige Plätze 🌳 " * 50).strip()
MAP = "https://www.openstreetmap.org/?mlat=51.43210&mlon=6.76540#map=17/51.43210/6.76540"


async def propose_with_photo_and_place(h: Harness, chat: Chat, *, as_file: bool = False) -> None:
    """A proposal handed in through the chat with a photo (or an image file) and a pin."""
    await chat.send("/menu")
    await chat.press("💶")
    await chat.press("Bürgerhaushalt 2027")
    await chat.press(h.t("Propose a project", "de"))
    await chat.send(TITLE)
    await chat.send(DESCRIPTION)
    await chat.press(h.t("Homberg/Ruhrort/Baerl", "de"))
    if as_file:
        await chat.send_update(updates.document_update(chat.user, "park.jpg", "image/jpeg"))
    else:
        await chat.send_update(updates.photo_update(chat.user))
    await chat.send_update(updates.location_update(chat.user, 51.4321, 6.7654))
    await chat.press(h.t("Skip", "de"))  # cost
    await chat.press(h.t("Send", "de"))
    assert h.t("Thank you! Your proposal has been handed in.", "de") in chat.last_text()


def links(message: dict[str, Any]) -> list[str]:
    """The URLs of the links in a message's text or caption."""
    entities = message.get("caption_entities") or message.get("entities") or []
    return [entity["url"] for entity in entities if entity["type"] == "text_link"]


def count_line(h: Harness, count: int) -> str:
    return h.tn(
        "{count} person supports this proposal.", "{count} people support this proposal.",
        count, "tr",
    ).format(count=count)  # fmt: skip


async def test_a_proposal_with_a_photo_is_a_photo_card_whose_buttons_all_work(
    harness: Harness,
) -> None:
    h = harness
    await proposals_process(h, threshold=2)
    await propose_with_photo_and_place(h, await resident(h, 9_601, "de"))
    reader = await resident(h, 9_602, "tr")
    await reader.send("/menu")
    await reader.press("💶")
    await reader.press("Katılımcı Bütçe 2027")
    await reader.press(TITLE)
    card = reader.last()
    assert "photo" in card and "text" not in card
    caption = card["caption"]
    assert caption.startswith(TITLE) and utf16_len(caption) <= 1024
    assert "…" in caption and caption.count("🌳") < DESCRIPTION.count("🌳")  # shortened
    assert h.t("Show the place on OpenStreetMap", "tr") in caption
    assert links(card) == [MAP]
    assert count_line(h, 0) in caption  # the lines after the description are kept whole
    shown = len(reader.messages())

    await reader.press(h.t("Support", "tr"))
    assert alerts(h)[-1] == h.t("Thank you for your support!", "tr")
    assert len(reader.messages()) == shown and reader.last()["message_id"] == card["message_id"]
    assert count_line(h, 1) in reader.last()["caption"] and "photo" in reader.last()
    await reader.press(h.t("Withdraw my support", "tr"))
    assert count_line(h, 0) in reader.last()["caption"]
    assert reader.last()["message_id"] == card["message_id"]

    await reader.press(h.t("Back", "tr"))  # the list again, as text; the photo card gone
    assert h.t("Tap a proposal to read and support it.", "tr") in reader.last_text()
    assert all("photo" not in message for message in reader.messages()[-2:])
    assert card["message_id"] not in [m["message_id"] for m in reader.messages()]

    await reader.press(TITLE)
    async with h.runtime.session_factory() as session:
        await session.execute(update(BudgetProcess).values(phase=BudgetPhase.REVIEW))
        await session.commit()
    await reader.press(h.t("Support", "tr"))  # proposals closed meanwhile
    assert alerts(h)[-1] == h.t("Proposals for this budget are closed.", "tr")
    nothing_open = h.t("No vote on the participatory budget is open right now.", "tr")
    assert "photo" not in reader.last() and reader.last_text() == nothing_open


async def test_a_proposal_without_a_photo_shows_its_place_as_a_map_link(
    harness: Harness,
) -> None:
    h = harness
    process_id = await proposals_process(h, threshold=2)
    await resident(h, 9_611, "de")
    proposal = await handed_in(h, process_id, 9_611, TITLE)
    async with h.runtime.session_factory() as session:
        await session.execute(
            update(BudgetProposal).where(BudgetProposal.id == proposal)
            .values(latitude=51.4321, longitude=6.7654)
        )  # fmt: skip
        await session.commit()
    reader = await resident(h, 9_612, "de")
    await reader.send("/menu")
    await reader.press("💶")
    await reader.press("Bürgerhaushalt 2027")
    await reader.press(TITLE)
    card = reader.last()
    assert "photo" not in card and card["text"].startswith(TITLE)
    assert h.t("Show the place on OpenStreetMap", "de") in card["text"]
    assert links(card) == [MAP]


async def test_an_image_sent_as_a_file_is_the_card_too(harness: Harness) -> None:
    h = harness
    await proposals_process(h, threshold=2)
    await propose_with_photo_and_place(h, await resident(h, 9_621, "de"), as_file=True)
    reader = await resident(h, 9_622, "tr")
    await reader.send("/menu")
    await reader.press("💶")
    await reader.press("Katılımcı Bütçe 2027")
    await reader.press(TITLE)
    card = reader.last()
    assert card["document"]["file_name"] == "park.jpg" and card["caption"].startswith(TITLE)
    await reader.press(h.t("Support", "tr"))
    assert reader.last()["message_id"] == card["message_id"]
    assert count_line(h, 1) in reader.last()["caption"]
