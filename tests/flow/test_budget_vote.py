"""A resident votes in the Bürgerhaushalt: menu 💶 or the deep link, toggles with "used X of Y",
a choice over the budget refused, confirm, change until voting closes; the ballot counts."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.keyboards.callbacks import BudgetCb
from bot.services.budget import results as budget_results
from bot.services.budget import voters
from bot.services.clock import SystemClock
from db.models import BudgetBallot, BudgetPhase, BudgetProcess, BudgetProject, FsmRecord
from tests.flow.announce_support import resident
from tests.flow.harness import Harness

PROJECTS = [
    ("H-01", 200_000, "Bolzplatz"),
    ("H-02", 250_000, "Trinkbrunnen"),
    ("H-03", 100_000, "Bänke"),
]


async def voting_process(h: Harness, **extra: object) -> int:
    async with h.runtime.session_factory() as session:
        process = BudgetProcess(
            title='{"de": "Bürgerhaushalt Hamborn", "tr": "Hamborn Katılımcı Bütçe"}',
            district="hamborn", budget=500_000, phase=BudgetPhase.VOTING, created_by=0, **extra,
        )  # fmt: skip
        session.add(process)
        await session.flush()
        for code, cost, title in PROJECTS:
            session.add(BudgetProject(
                process_id=process.id, code=code, cost=cost, title=f'{{"de": "{title}"}}'
            ))  # fmt: skip
        await session.commit()
        return process.id


def alert(h: Harness) -> str:
    return str(h.api.calls("answerCallbackQuery")[-1].params.get("text", ""))


async def stored_codes(h: Harness, process_id: int) -> list[list[str]]:
    async with h.runtime.session_factory() as session:
        process = await session.get(BudgetProcess, process_id)
        assert process is not None
        computed = await budget_results.compute(
            session, SystemClock(), process, None, actor=0, form="test"
        )
        return sorted(computed.ballots)


async def test_vote_from_the_menu_refuse_over_budget_confirm_and_change(harness: Harness) -> None:
    h = harness
    process_id = await voting_process(h)
    chat = await resident(h, 9_101, "de")
    await chat.send("/menu")
    await chat.press("💶")
    await chat.press("Bürgerhaushalt Hamborn")
    await chat.press(h.t("Hamborn", "de"))  # the district's own vote: residents declare it
    used = h.t("Used {used} of {budget}", "de")
    assert used.format(used="0 €", budget="500.000 €") in chat.last_text()
    await chat.press("H-01")
    await chat.press("H-02")
    assert (
        h.t("Used {used} of {budget}", "de").format(used="450.000 €", budget="500.000 €")
        in chat.last_text()
    )
    assert [b["text"][:1] for b in chat.buttons()[:3]] == ["✅", "✅", "▫"]
    await chat.press("H-03")  # 550,000 € > 500,000 €
    assert alert(h) == h.t("That would exceed the budget: only {left} are left.", "de").format(
        left="50.000 €"
    )
    assert [b["text"][:1] for b in chat.buttons()[:3]] == ["✅", "✅", "▫"]  # nothing changed
    await chat.press(h.t("Confirm my vote", "de"))
    assert h.t("Thank you! Your vote is saved.", "de") in chat.last_text()
    assert await stored_codes(h, process_id) == [["H-01", "H-02"]]

    await chat.press(h.t("Change my vote", "de"))
    assert (
        h.t("You have voted. You can change your choice until voting closes.", "de")
        in chat.last_text()
    )
    await chat.press("H-02")  # untick
    await chat.press("H-03")
    await chat.press(h.t("Confirm my vote", "de"))
    assert h.t("Your vote has been changed.", "de") in chat.last_text()
    assert await stored_codes(h, process_id) == [["H-01", "H-03"]]  # the last ballot counts, once

    async with h.runtime.session_factory() as session:
        voter = voters.voter_key(h.settings.poll_key, process_id, chat.id)
        stored = list(await session.scalars(select(BudgetBallot.voter)))
        process = await session.get(BudgetProcess, process_id)
        assert process is not None
        process.phase = BudgetPhase.CLOSED
        await session.commit()
    assert stored == [voter] and str(chat.id) not in voter  # a keyed hash, not the id
    # After voting closed: "Change my vote", or a forged Confirm, changes nothing and says so.
    await chat.press(h.t("Change my vote", "de"))
    closed = h.t("This vote is closed.", "de")
    assert chat.last_text() == closed + "\n\n" + h.t(
        "No vote on the participatory budget is open right now.", "de"
    )
    await chat.press_data(BudgetCb(action="ok", process=process_id).pack())
    assert chat.last_text().startswith(closed)
    assert await stored_codes(h, process_id) == [["H-01", "H-03"]]


async def test_deep_link_opens_the_ballot_in_the_residents_language(harness: Harness) -> None:
    h = harness
    process_id = await voting_process(h)
    chat = await resident(h, 9_102, "tr")
    await chat.press(h.t("Continue", "tr"))
    await chat.press(h.t("Skip", "tr"))  # onboarded, no profile
    await chat.send(f"/start b{process_id}")
    await chat.press(h.t("Hamborn", "tr"))
    assert "Hamborn Katılımcı Bütçe" in chat.last_text()
    assert h.t("Confirm my vote", "tr") in [b["text"][2:].strip() for b in chat.buttons()]
    await chat.press(h.t("Confirm my vote", "tr"))  # nothing chosen yet
    assert alert(h) == h.t("Choose at least one project first.", "tr")
    assert await stored_codes(h, process_id) == []


async def test_no_open_vote_says_so_with_the_way_back(harness: Harness) -> None:
    h = harness
    chat = await resident(h, 9_103, "de")
    await chat.send("/menu")
    await chat.press("💶")
    assert chat.last_text() == h.t("No vote on the participatory budget is open right now.", "de")
    await chat.press(h.t("Main menu", "de"))


async def conversation_numbers(h: Harness, chat_id: int) -> set[int]:
    """Every number in the conversation rows of the chat (state and data, as the database holds)."""
    async with h.runtime.session_factory() as session:
        rows = list(await session.scalars(select(FsmRecord)))
    numbers: set[int] = set()

    def walk(value: object) -> None:
        if isinstance(value, bool):
            return
        if isinstance(value, int):
            numbers.add(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)

    for row in rows:
        if str(chat_id) in row.key:
            walk(json.loads(row.data or "{}"))
    return numbers


async def test_no_conversation_row_holds_the_ballot(harness: Harness) -> None:
    h = harness
    process_id = await voting_process(h)
    async with h.runtime.session_factory() as session:
        ids = {
            p.code: p.id
            for p in await session.scalars(
                select(BudgetProject).where(BudgetProject.process_id == process_id)
            )
        }
    chosen = {ids["H-01"], ids["H-03"]}
    chat = await resident(h, 9_104, "de")
    await chat.send("/menu")
    await chat.press("💶")
    await chat.press("Bürgerhaushalt Hamborn")
    await chat.press(h.t("Hamborn", "de"))
    await chat.press("H-01")
    await chat.press("H-03")
    assert not chosen <= await conversation_numbers(h, chat.id)  # not even the unconfirmed draft
    await chat.press(h.t("Confirm my vote", "de"))
    await chat.press(h.t("Change my vote", "de"))
    assert [b["text"][:1] for b in chat.buttons()[:3]] == ["✅", "▫", "✅"]  # read from the ballot
    assert not chosen <= await conversation_numbers(h, chat.id)
    await chat.send("/menu")
    assert not chosen <= await conversation_numbers(h, chat.id)
    assert await stored_codes(h, process_id) == [["H-01", "H-03"]]
