"""The Bürgerhaushalt's cycle around the vote: dates move the phases (the scheduler's tick),
results are counted once at closing and reach every chat voter in their language, who may vote
(district, age, voting code), and implementation news reaching a funded project's voters."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from bot.presentation.budget_news import results_text
from bot.scheduler import budget_tick
from bot.services.budget import codes
from bot.services.budget.results import count
from bot.services.clock import SystemClock
from bot.services.meetings.feedback import subscribe
from db.models import (
    BudgetPhase,
    BudgetProcess,
    BudgetProject,
    OutboxMessage,
    ProposalStatus,
    StaffAudit,
    User,
)
from tests.e2e.test_cli import cli_in_process
from tests.flow.announce_support import resident
from tests.flow.budget_proposals_support import handed_in, proposals_process, stored
from tests.flow.harness import POLL_SECRET, TOKEN, Harness
from tests.flow.ideas_support import deliver
from tests.flow.test_budget_vote import voting_process


async def set_process(h: Harness, process_id: int, **values: object) -> BudgetProcess:
    async with h.runtime.session_factory() as session:
        process = await session.get(BudgetProcess, process_id)
        assert process is not None
        for name, value in values.items():
            setattr(process, name, value)
        await session.commit()
        return process


async def vote(h: Harness, chat_id: int, language: str, *codes_: str) -> None:
    chat = await resident(h, chat_id, language)
    await chat.send("/menu")
    await chat.press("💶")
    await chat.press("Hamborn")  # the process (its title in the language)
    for code in codes_:
        await chat.press(code)
    await chat.press(h.t("Confirm my vote", language))


async def test_dates_move_the_phases_and_closing_sends_the_results_once(harness: Harness) -> None:
    h = harness
    now = datetime.now(UTC)
    process_id = await voting_process(h)
    await set_process(
        h, process_id, phase=BudgetPhase.DRAFT, district=None,
        proposals_from=now - timedelta(days=3), proposals_to=now - timedelta(days=2),
        voting_from=now - timedelta(days=1), voting_to=now + timedelta(days=1),
    )  # fmt: skip
    assert await budget_tick(h.runtime) == [(process_id, "voting")]
    assert await budget_tick(h.runtime) == []  # nothing due any more
    await vote(h, 9_201, "de", "H-01", "H-02")
    await vote(h, 9_202, "tr", "H-03")
    await resident(h, 9_203, "en")  # subscribed to the whole city, did not vote
    async with h.runtime.session_factory() as session:
        user = await session.scalar(select(User).where(User.telegram_id == 9_203))
        assert user is not None
        await subscribe(session, SystemClock(), user, "city")
    await deliver(h)
    await set_process(h, process_id, voting_to=datetime.now(UTC) - timedelta(seconds=1))

    assert await budget_tick(h.runtime) == [(process_id, "closed")]
    await deliver(h)
    async with h.runtime.session_factory() as session:
        process = await session.get(BudgetProcess, process_id)
        assert process is not None and process.results is not None
        computed = await count(session, process)
        statuses = {p.code: p.status for p in await session.scalars(select(BudgetProject))}
        moves = list(await session.scalars(select(StaffAudit).where(StaffAudit.actor == -1)))
        # A sent notice would say who voted: deleted once sent, like a poll's notices to voters.
        kept = list(await session.scalars(select(OutboxMessage.dedupe_key)))
    assert [key for key in kept if key.startswith("budget-")] == []
    assert computed.result.funded == ("H-03", "H-01")  # 1 voter each: H-02 (250k) left 200k
    assert statuses == {"H-01": "planned", "H-02": "feasible", "H-03": "planned"}
    assert [m.after for m in moves] == ['"voting"', '"closed"']
    for chat_id, language in ((9_201, "de"), (9_202, "tr"), (9_203, "en")):
        with h.runtime.i18n.context(), h.runtime.i18n.use_locale(language):
            expected = results_text(computed)
        got = [
            m["text"] for m in h.chat(chat_id, language).messages() if "H-02" in m.get("text", "")
        ]
        assert len(got) == 1, (language, got)
        assert expected.split("\n")[0].removeprefix("<b>").removesuffix("</b>") in got[0]
        photos = [c for c in h.api.calls("sendPhoto") if c.params["chat_id"] == chat_id]
        assert len(photos) == 1  # the chart, after the text
    [german] = [m["text"] for m in h.chat(9_201).messages() if "H-02" in m.get("text", "")]
    no_fit = h.t("it did not fit the remaining {amount}", "de").format(amount="200.000 €")
    assert german.split("\n")[2:] == [
        "", "✅ H-01 Bolzplatz · 200.000 €", "✅ H-03 Bänke · 100.000 €", "",
        h.t("Not funded:", "de"), "▫️ H-02 Trinkbrunnen: " + no_fit,
    ]  # fmt: skip

    sent = len(h.api.calls("sendMessage")), len(h.api.calls("sendPhoto"))
    assert await budget_tick(h.runtime) == []  # counted once: a second tick queues nothing
    await deliver(h)
    assert (len(h.api.calls("sendMessage")), len(h.api.calls("sendPhoto"))) == sent


async def test_who_may_vote_district_age_and_a_one_time_code(harness: Harness) -> None:
    h = harness
    process_id = await voting_process(h, min_age=16, codes=True)
    async with h.runtime.session_factory() as session:
        process = await session.get(BudgetProcess, process_id)
        assert process is not None
        await codes.store(session, SystemClock(), process, ["ABCD-EFGH-JKLM"], actor=0)
    chat = await resident(h, 9_211, "de")
    await chat.send("/menu")
    await chat.press("💶")
    await chat.press("Bürgerhaushalt Hamborn")
    await chat.press(h.t("Mitte", "de"))
    refusal = h.t(
        "Sorry, only residents of {district} can vote here. You can take part in the votes for "
        "your own district or the whole city.", "de",
    ).format(district="Hamborn")  # fmt: skip
    assert refusal in chat.last_text()
    assert [b["text"] for b in chat.buttons()] == [
        "💶 " + h.t("Participatory budget", "de"), "🏠 " + h.t("Main menu", "de")
    ]  # fmt: skip
    await chat.press("💶")
    await chat.press("Bürgerhaushalt Hamborn")
    await chat.press(h.t("Hamborn", "de"))
    assert h.t("Are you {age} years or older?", "de").format(age=16) in chat.last_text()
    await chat.press(h.t("No", "de"))
    too_young = h.t("Sorry, this vote is for people aged {age} or older.", "de")
    assert too_young.format(age=16) in chat.last_text()
    await chat.press("💶")
    await chat.press("Bürgerhaushalt Hamborn")  # the district is remembered, the age asked
    await chat.press(h.t("Yes", "de"))
    assert h.t(
        "Please send the voting code from your letter from the city (for example "
        "ABCD-EFGH-JKLM).", "de",
    ) in chat.last_text()  # fmt: skip
    await chat.send("ZZZZ-ZZZZ-ZZZZ")
    invalid = h.t("This code is not valid. Please check it and send it again.", "de")
    assert chat.last_text() == invalid
    await chat.send("abcd efgh jklm")  # as typed off the letter
    await chat.press("H-01")
    await chat.press(h.t("Confirm my vote", "de"))
    assert h.t("Thank you! Your vote is saved.", "de") in chat.last_text()
    await chat.press(h.t("Change my vote", "de"))  # no questions, no new code
    await chat.press("H-03")
    await chat.press(h.t("Confirm my vote", "de"))
    assert h.t("Your vote has been changed.", "de") in chat.last_text()

    other = await resident(h, 9_212, "tr")
    await other.send("/menu")
    await other.press("💶")
    await other.press("Hamborn Katılımcı Bütçe")
    await other.press(h.t("Hamborn", "tr"))
    await other.press(h.t("Yes", "tr"))
    await other.send("ABCD-EFGH-JKLM")
    used = h.t("This code has already been used for a ballot. Each code counts once.", "tr")
    assert other.last_text() == used
    await other.press("💶")  # the way back: what is typed now is no longer taken as a code
    await other.send("ABCD-EFGH-JKLM")
    assert used not in other.last_text()
    async with h.runtime.session_factory() as session:
        process = await session.get(BudgetProcess, process_id)
        assert process is not None
        assert (await count(session, process)).ballots == [["H-01", "H-03"]]


async def test_an_implementation_update_reaches_the_projects_voters(harness: Harness) -> None:
    h = harness
    process_id = await voting_process(h)
    await set_process(h, process_id, district=None)
    await vote(h, 9_221, "tr", "H-01")
    await vote(h, 9_222, "de", "H-03")  # voted, but not for H-01
    await set_process(h, process_id, phase=BudgetPhase.CLOSED)
    await budget_tick(h.runtime)
    await deliver(h)
    env = {"DATABASE_URL": h.settings.database_url, "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET}
    args = ["budget", "update", str(process_id), "H-01", "--status", "in_progress"]
    texts = ["--text-de", "Die Bauarbeiten haben begonnen.", "--text-tr", "İnşaat başladı."]
    done = await asyncio.to_thread(cli_in_process, [*args, *texts], env)
    assert (done.returncode, done.stdout.strip()) == (
        0, "project H-01 is in_progress; the update is queued for 1 voters"
    )  # fmt: skip
    refused = await asyncio.to_thread(
        cli_in_process, ["budget", "update", str(process_id), "H-02", "--status", "done",
                         "--text-de", "Fertig."], env,
    )  # fmt: skip
    assert refused.returncode == 2 and "H-02 is not funded" in refused.stderr
    await deliver(h)
    [news] = [m["text"] for m in h.chat(9_221, "tr").messages() if "İnşaat" in m.get("text", "")]
    assert h.t("Status: {status}", "tr").format(status=h.t("in progress", "tr")) in news
    assert "H-01 Bolzplatz" in news
    assert not [m for m in h.chat(9_222).messages() if "Bauarbeiten" in m.get("text", "")]
    async with h.runtime.session_factory() as session:
        actions = list(await session.scalars(select(StaffAudit.action)))
    assert "budget.update" in actions


async def test_the_date_closing_proposals_stops_those_short_of_supports(harness: Harness) -> None:
    """Proposals close by their date as by hand: a proposal short of supports stops there and its
    author is told in their language."""
    h = harness
    process_id = await proposals_process(h, threshold=2)
    await resident(h, 9_301, "tr")
    short = await handed_in(h, process_id, 9_301, "Daha fazla bank")
    await set_process(h, process_id, proposals_to=datetime.now(UTC) - timedelta(seconds=1))

    assert await budget_tick(h.runtime) == [(process_id, "review")]
    await deliver(h)
    assert (await stored(h, short)).status == ProposalStatus.TOO_FEW
    told = h.t(
        "Your proposal “{title}” did not get enough supports before proposals closed.", "tr"
    ).format(title="Daha fazla bank")
    assert [m["text"] for m in h.chat(9_301).messages()].count(told) == 1
