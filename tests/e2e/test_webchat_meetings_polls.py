"""A real browser on the real sandbox: the demo poll and meetings, the youth group, a phone.

A Turkish resident votes in the bot's native poll, registers for the demo town-hall meeting and
downloads its .ics, votes in the demo Bürgerhaushalt and changes that vote; the demo youth group
answers the same poll; staff see both in /results; the chat still works on a 390×844 phone
screen. Screenshots go to <tmp_path>/screenshots/.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import icalendar
from sqlalchemy.ext.asyncio import AsyncSession

from bot.sandbox.demo import DEMO_STAFF, DEMO_YOUTH, YOUTH_GROUP
from bot.sandbox.demo_budget_data import TITLE
from bot.sandbox.demo_meetings import UIDS
from bot.sandbox.demo_polls import DRAFT_KEY
from bot.services.meetings.lifecycle import text_of
from db.repositories import meetings as meeting_repo
from db.repositories import polls as poll_repo
from db.session import create_engine, create_session_factory
from tests.e2e.browser_support import TIMEOUT_MS, Catalog, ChatPage, SandboxProcess, open_page

t = Catalog()
# For each element: is it a single line of text?
ONE_LINE = (
    "nodes => nodes.map(e => e.getBoundingClientRect().height"
    " < 1.5 * parseFloat(getComputedStyle(e).lineHeight))"
)


@asynccontextmanager
async def sandbox_database(process: SandboxProcess) -> AsyncIterator[AsyncSession]:
    """A session on the sandbox's own SQLite file (to learn what the demo seeded)."""
    engine = create_engine(f"sqlite+aiosqlite:///{process.directory / 'stadtstimme-sandbox.db'}")
    try:
        async with create_session_factory(engine)() as session:
            yield session
    finally:
        await engine.dispose()


async def group_tally_stored(process: SandboxProcess, poll_id: int) -> None:
    """Wait until the bot has stored the youth group's anonymous totals (or time is up)."""
    deadline = asyncio.get_running_loop().time() + TIMEOUT_MS / 1000
    while True:
        async with sandbox_database(process) as session:
            sent = await poll_repo.messages_of(session, poll_id)
        if [m.tally_voters for m in sent if m.chat_id == YOUTH_GROUP.id] == [1]:
            return
        assert asyncio.get_running_loop().time() < deadline, "the group's vote was not stored"
        await asyncio.sleep(0.1)


def after_heading(msgid: str, language: str) -> str:
    """A message's text after its bold heading (the page shows the line break differently)."""
    return t(msgid, language).split("\n\n", 1)[-1]


async def test_resident_votes_registers_and_the_youth_group_answers(
    browser: Any, sandbox_process: SandboxProcess, tmp_path: Path
) -> None:
    async with sandbox_database(sandbox_process) as session:
        meeting = await meeting_repo.by_source_uid(session, UIDS[0])
        poll = await poll_repo.by_draft_key(session, DRAFT_KEY)
        assert meeting is not None and poll is not None, "the demo content was not seeded"
        questions = await poll_repo.variants(session, poll.id)
    chat = await open_page(browser, sandbox_process.base, tmp_path)
    await chat.add_resident("Emre", "tr")
    await chat.send("/start")
    await chat.expect_bot(t("<b>Welcome to Stadtstimme!</b>", "tr"))
    await chat.press(t("Continue", "tr"))
    await chat.press(t("Skip", "tr"))  # no profile
    await chat.expect_bot(t("No problem.", "tr"))

    await vote_in_the_demo_poll(chat, questions["tr"])
    await register_and_download_ics(chat, text_of(meeting.title, "tr"), meeting.starts_at)
    await vote_and_change_in_the_demo_budget(chat)
    await youth_group_answers(chat, questions["de"])
    await group_tally_stored(sandbox_process, poll.id)  # the bot handled the group's vote

    await chat.open_chat(DEMO_STAFF.name)  # staff see the resident's and the group's votes
    await chat.send(f"/results {poll.id}")
    youth = "Youth groups ({groups}): {voters} votes ({counts}), included in the totals."
    await chat.expect_bot(t(youth, "de", groups=1, voters=1, counts="0 · 0 · 1"))
    await chat.screenshot("staff-results")
    assert chat.errors == []

    phone = await open_page(browser, sandbox_process.base, tmp_path, width=390, height=844)
    phone.count = chat.count  # one numbered series of screenshots
    await phone_shows_input_and_last_message(phone, "Emre")
    await phone_shows_input_and_last_message(phone, YOUTH_GROUP.title)
    shares = phone.page.locator("#messages .poll .percent")  # "100%" must not break on a phone
    heights = await shares.evaluate_all(ONE_LINE)
    assert len(heights) == 3 and all(heights), heights
    assert phone.errors == []


async def vote_in_the_demo_poll(chat: ChatPage, question: tuple[str, list[str]]) -> None:
    """Main menu → Polls → the demo poll arrives as a native poll; the vote is counted."""
    from playwright.async_api import expect

    text, options = question
    await chat.press(t("Polls", "tr"))
    polls_text = "<b>Polls</b>\n\nThese polls are open and waiting for your answer:"
    await chat.expect_bot(after_heading(polls_text, "tr"))
    await chat.press(text[:30])
    native = chat.bot_bubbles(text).last.locator(".poll")
    await native.locator("button.option", has_text=options[1]).click()
    await expect(native.locator(".option", has_text=options[1])).to_contain_text("✓")
    await expect(native).to_contain_text("100%")
    await chat.screenshot("resident-voted")
    await chat.expect_bot(t("Thank you, your vote counts!", "tr"))
    await chat.send("/menu")
    await chat.press(t("Polls", "tr"))
    none_left = "<b>Polls</b>\n\nThere is no open poll for you right now. Thanks for taking part!"
    await chat.expect_bot(after_heading(none_left, "tr"))


async def toggle(chat: ChatPage, code: str, mark: str) -> None:
    """Tick or untick a project and wait until the ballot shows it (the message is edited)."""
    from playwright.async_api import expect

    await chat.press(code)
    button = chat.bot_bubbles().last.locator(".keyboard button", has_text=code)
    await expect(button).to_contain_text(mark, timeout=TIMEOUT_MS)


async def vote_and_change_in_the_demo_budget(chat: ChatPage) -> None:
    """Menu → 💶 → the demo Bürgerhaushalt: choose two projects, confirm, change the vote."""
    await chat.send("/menu")
    await chat.press(t("Participatory budget", "tr"))
    await chat.press(TITLE["tr"])
    await chat.expect_bot(t("Used {used} of {budget}", "tr", used="0 €", budget="1.000.000 €"))
    await toggle(chat, "D-05", "✅")
    await toggle(chat, "D-06", "✅")
    await chat.press(t("Confirm my vote", "tr"))
    await chat.expect_bot(t("Thank you! Your vote is saved.", "tr"))
    await chat.press(t("Change my vote", "tr"))
    await chat.expect_bot(
        t("You have voted. You can change your choice until voting closes.", "tr")
    )
    await toggle(chat, "D-06", "▫️")
    await toggle(chat, "D-03", "✅")
    await chat.press(t("Confirm my vote", "tr"))
    await chat.expect_bot(t("Your vote has been changed.", "tr"))
    await chat.screenshot("budget-vote-changed")


async def register_and_download_ics(chat: ChatPage, title: str, starts: datetime) -> None:
    """Meetings → the town-hall card → I'll come → Add to calendar (.ics) → Show on map."""
    from playwright.async_api import expect

    await chat.send("/menu")
    await chat.press(t("Meetings", "tr"))
    await chat.expect_bot(t("Upcoming meetings", "tr"))
    await chat.press(title[:24])
    card = await chat.expect_bot(title)
    await chat.press(t("I'll come", "tr"), in_message=title)
    await expect(card).to_contain_text(t("You are registered.", "tr"), timeout=TIMEOUT_MS)
    await chat.screenshot("meeting-registered")
    await chat.press(t("Add to calendar", "tr"), in_message=title)
    document = chat.bot_bubbles(".ics").last
    async with chat.page.expect_download() as info:
        await document.locator("a.download").click()
    download = await info.value
    assert download.suggested_filename.endswith(".ics")
    data = await asyncio.to_thread(Path(await download.path()).read_bytes)
    [event] = icalendar.Calendar.from_ical(data).walk("VEVENT")
    assert str(event["summary"]) == title
    assert event.decoded("dtstart") == starts
    await chat.press(t("Show on map", "tr"), in_message=title)
    venue = chat.bot_bubbles("Rathaus Duisburg").last.locator(".card.place")
    await expect(venue).to_contain_text("Burgplatz 19")
    await chat.screenshot("meeting-ics-and-map")


async def youth_group_answers(chat: ChatPage, question: tuple[str, list[str]]) -> None:
    """The demo group, registered as a youth group, got the poll; Deniz answers it."""
    from playwright.async_api import expect

    text, options = question
    await chat.open_chat(YOUTH_GROUP.title)
    registered = t("This group is now registered: city polls will arrive here.", "de")
    await expect(chat.bot_bubbles(registered)).to_have_count(1)
    native = chat.bot_bubbles(text).last.locator(".poll")
    await expect(native).to_contain_text("Anonymous poll")
    await expect(chat.page.locator("#as")).to_have_value(str(DEMO_YOUTH[0].id))  # Deniz
    await native.locator("button.option", has_text=options[2]).click()
    await expect(native.locator(".option", has_text=options[2])).to_contain_text("✓")
    await expect(native).to_contain_text("1 vote")
    await chat.screenshot("youth-group-answered")


async def phone_shows_input_and_last_message(phone: ChatPage, title: str) -> None:
    """On a phone the open chat shows the message field and the newest message."""
    from playwright.async_api import expect

    page = phone.page
    if await page.locator("#back").is_visible():
        await page.click("#back")
    await phone.open_chat(title)
    await expect(page.locator("#sidebar")).to_be_hidden()
    await expect(page.locator("#text")).to_be_in_viewport(ratio=1)
    await expect(page.locator("#messages li.bubble").last).to_be_in_viewport()
    assert await page.evaluate("document.documentElement.scrollWidth") <= 390
    await phone.screenshot("phone-" + title.split()[0].lower())
