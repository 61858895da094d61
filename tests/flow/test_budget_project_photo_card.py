"""A ballot project's card in the vote: made from a proposal with a photo and a pin, the card is
that photo with the card as its caption (the description shortened to Telegram's limit) and the
place an OpenStreetMap link; its toggle edits the caption, Confirm stores the ballot, Back is the
text list again. A project staff imported (no proposal) keeps a text card."""

from __future__ import annotations

from sqlalchemy import select, update

from bot.keyboards.callbacks import BudgetStaffCb
from bot.services.text_length import utf16_len
from db.models import BudgetBallot, BudgetPhase, BudgetProcess, BudgetProject, BudgetProposal
from tests.flow.announce_support import editor, resident
from tests.flow.budget_proposals_support import proposals_process
from tests.flow.harness import Chat, Harness
from tests.flow.test_budget_proposal_photo_card import (
    DESCRIPTION,
    MAP,
    links,
    propose_with_photo_and_place,
)

OFFICIAL = "Obstbäume im Rheinpark"
IMPORTED = '{"de": "Sitzbänke am Markt"}'


async def voting_with_a_reviewed_proposal(h: Harness, photos: int = 1) -> int:
    """Proposals with photo and pin, reviewed feasible (cost 25.000 € each, the long
    description), a project staff imported beside them, and the process moved to voting."""
    process_id = await proposals_process(h, threshold=0)
    for author in range(photos):
        await propose_with_photo_and_place(h, await resident(h, 9_790 + author, "de"))
    async with h.runtime.session_factory() as session:
        proposals = list(await session.scalars(select(BudgetProposal.id)))
    staff = await editor(h)
    for proposal in proposals:
        ask = BudgetStaffCb(action="ok", process=process_id, proposal=proposal)
        await staff.press_data(ask.pack())
        await staff.send(f"25000\n{OFFICIAL}\n{DESCRIPTION}")
    async with h.runtime.session_factory() as session:
        session.add(BudgetProject(process_id=process_id, code="Z-01", cost=40_000, title=IMPORTED,
                                  description='{"de": "Vier Bänke aus Holz."}'))  # fmt: skip
        await session.execute(update(BudgetProcess).values(phase=BudgetPhase.VOTING))
        await session.commit()
    return process_id


async def open_ballot(h: Harness, telegram_id: int) -> Chat:
    voter = await resident(h, telegram_id, "de")
    await voter.send("/menu")
    await voter.press("💶")
    await voter.press("Bürgerhaushalt 2027")
    return voter


def used(h: Harness, amount: str) -> str:
    return h.t("Used {used} of {budget}", "de").format(used=amount, budget="500.000 €")


async def test_a_project_from_a_proposal_is_a_photo_card_whose_buttons_all_work(
    harness: Harness,
) -> None:
    h = harness
    await voting_with_a_reviewed_proposal(h)
    voter = await open_ballot(h, 9_702)
    await voter.press(h.t("Details", "de"))  # the first card: the reviewed project (P-…)
    card = voter.last()
    assert "photo" in card and "text" not in card
    caption = card["caption"]
    assert OFFICIAL in caption.splitlines()[0] and utf16_len(caption) <= 1024
    assert "…" in caption and caption.count("🌳") < DESCRIPTION.count("🌳")  # shortened
    assert "25.000 €" in caption and used(h, "0 €") in caption
    assert h.t("Show the place on OpenStreetMap", "de") in caption
    assert links(card) == [MAP]
    shown = len(voter.messages())

    await voter.press(OFFICIAL)  # choose it on the card: the caption's header and mark change
    assert len(voter.messages()) == shown and voter.last()["message_id"] == card["message_id"]
    assert "photo" in voter.last() and used(h, "25.000 €") in voter.last()["caption"]
    assert voter.buttons()[0]["text"].startswith("✅")
    await voter.press(OFFICIAL)  # and unchoose it
    assert used(h, "0 €") in voter.last()["caption"] and voter.buttons()[0]["text"][0] == "▫"
    await voter.press(OFFICIAL)
    assert voter.last()["message_id"] == card["message_id"]

    await voter.press(h.t("Back", "de"))  # the list as text, the choice kept; the photo gone
    assert "photo" not in voter.last() and used(h, "25.000 €") in voter.last_text()
    assert card["message_id"] not in [m["message_id"] for m in voter.messages()]
    assert voter.buttons()[0]["text"].startswith("✅")

    await voter.press(h.t("Details", "de"))
    await voter.press("▶️")  # the imported project: a text card, the photo card replaced
    assert "photo" not in voter.last() and voter.last_text().startswith("Z-01")
    assert links(voter.last()) == []
    await voter.press("▶️")  # round to the photo card again
    photo_card = voter.last()
    assert "photo" in photo_card and used(h, "25.000 €") in photo_card["caption"]
    await voter.press(h.t("Confirm my vote", "de"))
    assert h.t("Thank you! Your vote is saved.", "de") in voter.last_text()
    assert "photo" not in voter.last()
    async with h.runtime.session_factory() as session:
        ballot = (await session.scalars(select(BudgetBallot.projects))).one()
        project = (await session.scalars(
            select(BudgetProject.id).where(BudgetProject.code != "Z-01")
        )).one()  # fmt: skip
    assert ballot == f"[{project}]"


async def test_an_imported_project_keeps_a_text_card(harness: Harness) -> None:
    h = harness
    await voting_with_a_reviewed_proposal(h)
    voter = await open_ballot(h, 9_712)
    await voter.press(h.t("Details", "de"))
    await voter.press("◀️")  # round from the first card to the last: the imported project
    card = voter.last()
    assert "photo" not in card and card["text"].startswith("Z-01 · Sitzbänke am Markt")
    assert "40.000 €" in card["text"] and "Vier Bänke aus Holz." in card["text"]
    await voter.press("Sitzbänke")  # its toggle edits the text card
    assert voter.last()["message_id"] == card["message_id"]
    assert used(h, "40.000 €") in voter.last_text()
    await voter.press(h.t("Back", "de"))
    assert voter.last()["message_id"] == card["message_id"]  # text to text: edited in place
    assert h.t("Confirm my vote", "de") in voter.buttons()[-2]["text"]


async def test_paging_from_one_photo_card_to_another_shows_the_other_photo(
    harness: Harness,
) -> None:
    h = harness
    await voting_with_a_reviewed_proposal(h, photos=2)
    voter = await open_ballot(h, 9_722)
    await voter.press(h.t("Details", "de"))
    first = voter.last()
    await voter.press("▶️")  # the second proposal's project: its own photo, not a new caption
    second = voter.last()
    assert "photo" in second and second["message_id"] != first["message_id"]
    assert second["photo"][-1]["file_id"] != first["photo"][-1]["file_id"]
    assert first["message_id"] not in [m["message_id"] for m in voter.messages()]
    await voter.press(OFFICIAL)  # its toggle edits that photo's caption
    assert voter.last()["message_id"] == second["message_id"]
    assert used(h, "25.000 €") in voter.last()["caption"]
