"""Bürgerhaushalt proposals: a resident proposes from 💶, others support (once, can withdraw),
the threshold sends it to review, editors decide in /budget (feasible, not feasible, merge) and
authors are told in their language; refusals for the wrong phase and for non-editors."""

from __future__ import annotations

from bot.keyboards.callbacks import BudgetStaffCb, ProposalCb
from db.models import BudgetPhase, ProposalStatus
from tests.conftest import sqlite_only
from tests.flow.announce_support import EDITOR_ID, editor, make_staff, resident
from tests.flow.budget_proposals_support import (
    audit_actions,
    handed_in,
    projects,
    proposals_process,
    stored,
    supporters,
)
from tests.flow.harness import Harness
from tests.flow.ideas_support import StaffMember, alerts, moderator, notices

TITLE = "Trinkbrunnen am Rheinpark"
DESCRIPTION = "Im Sommer gibt es am Rheinpark kein Wasser. Ein Trinkbrunnen würde allen helfen."


async def test_propose_support_to_review_then_feasible_and_the_author_is_told(
    harness: Harness,
) -> None:
    h = harness
    process_id = await proposals_process(h, threshold=2)
    author = await resident(h, 9_201, "tr")
    await author.send("/menu")
    await author.press("💶")
    await author.press("Katılımcı Bütçe 2027")
    await author.press(h.t("Propose a project", "tr"))
    await author.send("Su")  # too short
    assert author.last_text() == h.tn(
        "Please send a title of {minimum}–{maximum} character with at least a few words.",
        "Please send a title of {minimum}–{maximum} characters with at least a few words.",
        100,
        "tr",
    ).format(minimum=5, maximum=100)
    await author.send(TITLE)
    await author.send(DESCRIPTION)
    await author.press(h.t("Homberg/Ruhrort/Baerl", "tr"))  # a city-wide process asks
    await author.press(h.t("Skip", "tr"))  # photo
    await author.press(h.t("Skip", "tr"))  # location
    await author.send("etwa viel")
    assert author.last_text() == h.t(
        "Please send the amount as a number of euros, for example 25000, or tap Skip.", "tr"
    )
    await author.send("25.000 €")
    assert TITLE in author.last_text() and "25.000 €" in author.last_text()
    await author.press(h.t("Send", "tr"))
    assert h.t("Thank you! Your proposal has been handed in.", "tr") in author.last_text()
    proposal = await stored(h, 1)
    assert (proposal.title, proposal.district, proposal.cost_idea, proposal.status) == (
        TITLE,
        "homberg-ruhrort-baerl",
        25_000,
        ProposalStatus.COLLECTING,
    )

    # The author cannot support their own proposal, not even with a forged press.
    await author.press_data(ProposalCb(action="sup", process=process_id, proposal=1).pack())
    assert alerts(h)[-1] == h.t("This is your own proposal.", "tr")

    first = await resident(h, 9_202, "de")
    await first.send("/menu")
    await first.press("💶")
    await first.press("Bürgerhaushalt 2027")
    await first.press(TITLE)
    await first.press(h.t("Support", "de"))
    assert (
        h.tn(
            "{count} person supports this proposal.",
            "{count} people support this proposal.",
            1,
            "de",
        ).format(count=1)
        in first.last_text()
    )
    card = first.last()
    await first.press_data(ProposalCb(action="sup", process=process_id, proposal=1).pack(), card)
    assert alerts(h)[-1] == h.t("You already support this proposal.", "de")
    await first.press(h.t("Withdraw my support", "de"))
    assert await supporters(h, 1) == set()
    await first.press(h.t("Support", "de"))
    second = await resident(h, 9_203, "de")
    await second.press(h.t("Continue", "de"))
    await second.press(h.t("Skip", "de"))  # onboarded: the deep link opens the process
    await second.send(f"/start b{process_id}")
    await second.press(TITLE)
    await second.press(h.t("Support", "de"))  # the second support reaches the threshold
    assert (await stored(h, 1)).status == ProposalStatus.IN_REVIEW
    assert await notices(h, author.id) == [
        h.t("Your proposal “{title}” goes on to review by the city.", "tr").format(title=TITLE)
    ]

    short = await handed_in(h, process_id, 9_202, "Mehr Mülleimer am Rhein")  # no supports

    staff = await editor(h)
    await staff.send("/budget")
    assert "1 · Bürgerhaushalt 2027" in staff.last_text()
    await staff.press(h.t("Review ({count})", "en").format(count=1))
    assert (
        TITLE in staff.last_text()
        and h.t("Supports: {count}", "en").format(count=2) in staff.last_text()
    )
    await staff.press(h.t("Feasible", "en"))
    await staff.send("30 000\nTrinkbrunnen im Rheinpark\nEin Trinkbrunnen am Hauptweg.")
    assert staff.last_text() == h.t("Done. The author gets a message.", "en")
    [project] = await projects(h, process_id)
    assert (project.code, project.cost, project.district) == (
        "P-1",
        30_000,
        "homberg-ruhrort-baerl",
    )
    assert (await stored(h, 1)).project_id == project.id
    assert (await notices(h, author.id))[-1] == h.t(
        "Good news: your proposal “{title}” is feasible and will be on the ballot with a cost "
        "of {cost}.",
        "tr",
    ).format(title=TITLE, cost="30.000 €")
    assert (EDITOR_ID, "budget.proposal_feasible", "budget-proposal:1") in await audit_actions(h)

    # Moving on to review stops the proposal still short of supports; its author is told.
    await staff.send("/budget")
    await staff.press(h.t("Move on to: {phase}", "en").format(phase=h.t("review", "en")))
    await staff.press(h.t("Yes, move on", "en"))
    assert (await stored(h, short)).status == ProposalStatus.TOO_FEW
    assert await notices(h, first.id) == [
        h.t(
            "Your proposal “{title}” did not get enough supports before proposals closed.", "de"
        ).format(title="Mehr Mülleimer am Rhein")
    ]


async def test_not_feasible_merge_phase_move_and_refusals(harness: Harness) -> None:
    h = harness
    process_id = await proposals_process(h, threshold=0, district="hamborn")
    chats = {i: await resident(h, 9_300 + i, "de") for i in range(1, 5)}
    refused = await handed_in(h, process_id, 9_301, "Seilbahn zum Mond")
    duplicate = await handed_in(h, process_id, 9_302, "Mehr Bänke im Park")
    kept = await handed_in(h, process_id, 9_303, "Neue Parkbänke")
    await chats[4].send("/menu")
    await chats[4].press("💶")
    await chats[4].press("Bürgerhaushalt 2027")
    await chats[4].press("Mehr Bänke im Park")
    await chats[4].press(h.t("Support", "de"))

    # A resident: /budget is the residents' screen; forged staff presses change nothing.
    await chats[4].send("/budget")
    assert "💡 Bürgerhaushalt 2027" in [b["text"] for b in chats[4].buttons()]
    move = BudgetStaffCb(action="mvok", process=process_id, phase="review").pack()
    await chats[4].press_data(move)
    assert alerts(h)[-1] == h.t("Only editors can do this.", "de")
    decide = BudgetStaffCb(action="nf", process=process_id, proposal=refused).pack()
    await chats[4].press_data(decide)
    assert alerts(h)[-1] == h.t("Only editors can do this.", "de")

    staff = await editor(h)
    await staff.send("/budget")
    await staff.press(h.t("Review ({count})", "en").format(count=3))
    await staff.press(h.t("Not feasible", "en"))
    await staff.send("Das liegt außerhalb der Zuständigkeit der Stadt.")
    assert (await stored(h, refused)).status == ProposalStatus.NOT_FEASIBLE
    assert await notices(h, chats[1].id) == [
        h.t(
            "Your proposal “{title}” cannot be put to the vote. The city's reason: {reason}", "de"
        ).format(
            title="Seilbahn zum Mond", reason="Das liegt außerhalb der Zuständigkeit der Stadt."
        )
    ]

    await staff.send("/budget")
    await staff.press(h.t("Review ({count})", "en").format(count=2))
    assert "Mehr Bänke im Park" in staff.last_text()
    await staff.press(h.t("Merge into another proposal", "en"))
    await staff.send(str(duplicate))  # itself: refused
    assert staff.last_text() == h.t(
        "Please reply with the number of another open proposal of this budget.", "en"
    )
    await staff.send(str(kept))
    assert (await stored(h, duplicate)).status == ProposalStatus.MERGED
    assert await supporters(h, kept) == {9_302, 9_304}  # the duplicate's author and supporter
    assert await notices(h, chats[2].id) == [
        h.t(
            "Your proposal “{title}” was merged with the similar proposal “{kept}”. "
            "Its supports count there.",
            "de",
        ).format(title="Mehr Bänke im Park", kept="Neue Parkbänke")
    ]
    # The same decision again (an old screen) is refused.
    await staff.press_data(BudgetStaffCb(action="nf", process=process_id, proposal=refused).pack())
    assert alerts(h)[-1] == h.t("This button is no longer valid.", "en")

    await staff.send("/budget")
    await staff.press(h.t("Move on to: {phase}", "en").format(phase=h.t("review", "en")))
    await staff.press(h.t("Yes, move on", "en"))
    assert h.t("Phase: {phase}", "en").format(phase=h.t("review", "en")) in staff.last_text()
    actions = [action for _actor, action, _target in await audit_actions(h)]
    assert actions == ["budget.proposal_not_feasible", "budget.proposal_merge", "budget.phase"]

    # Proposals closed: supporting from an old card is refused and nothing is stored.
    await chats[1].press_data(ProposalCb(action="sup", process=process_id, proposal=kept).pack())
    assert alerts(h)[-1] == h.t("Proposals for this budget are closed.", "de")
    assert await supporters(h, kept) == {9_302, 9_304}
    await chats[1].press_data(ProposalCb(action="new", process=process_id).pack())
    assert alerts(h)[-1] == h.t("Proposals for this budget are closed.", "de")
    assert BudgetPhase.REVIEW  # the phase enum the button named


@sqlite_only
async def test_the_staff_chat_reviews_by_reply_and_only_editors_may(
    ideas_harness: Harness,
) -> None:
    h = ideas_harness
    process_id = await proposals_process(h, threshold=0, district="hamborn")
    author = await resident(h, 9_401, "ru")
    proposal = await handed_in(h, process_id, 9_401, "Новые скамейки в парке")
    not_editor = await moderator(h, 961)  # staff, but not an editor
    await not_editor.say("/budget")
    assert not_editor.messages()[-1]["text"] == h.t("Only editors can do this.", "de")
    await make_staff(h, 960, "editor")
    staff = StaffMember(h, 960)
    await staff.say("/budget")
    await staff.press("Bürgerhaushalt 2027", h.t("Review ({count})", "de").format(count=1))
    await not_editor.press("Новые скамейки", h.t("Not feasible", "de"))
    assert alerts(h)[-1] == h.t("Only editors can do this.", "de")
    await staff.press("Новые скамейки", h.t("Not feasible", "de"))
    reason = "Das Grundstück gehört nicht der Stadt."
    await staff.say(reason, reply=False)  # chatter in the group is not an answer
    assert (await stored(h, proposal)).status == ProposalStatus.IN_REVIEW
    await staff.say(reason)  # the reply to the question
    assert staff.messages()[-1]["text"] == h.t("Done. The author gets a message.", "de")
    assert (await stored(h, proposal)).status == ProposalStatus.NOT_FEASIBLE
    assert await notices(h, author.id) == [
        h.t("Your proposal “{title}” cannot be put to the vote. The city's reason: {reason}", "ru")
        .format(title="Новые скамейки в парке", reason=reason)
    ]  # fmt: skip
