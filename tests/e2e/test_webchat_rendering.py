"""In a real browser, the web chat shows whatever a bot sends, like a messenger would.

Here the test itself talks to the sandbox's fake Bot API (with the sandbox token), so every kind
of message is covered before the bot's meetings and polls exist; the bot keeps running beside it.
"""

from __future__ import annotations

import asyncio
import json
import urllib.request
from pathlib import Path
from typing import Any

from aiogram.types import BufferedInputFile, KeyboardButton, ReplyKeyboardMarkup

from bot.sandbox.run import SANDBOX_TOKEN
from tests.e2e.browser_support import Catalog, ChatPage, SandboxProcess, open_page
from tests.sandbox.fakeapi_support import make_bot
from tests.sandbox.webchat_support import png

ICS = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
    b"BEGIN:VEVENT\r\nSUMMARY:Demo\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
)


def resident_id(base: str, name: str) -> int:
    """The id of the resident the page just created."""
    with urllib.request.urlopen(base + "/sandbox/residents") as response:
        residents = json.load(response)["residents"]
    return max(r["id"] for r in residents if r["name"] == name)


def history(base: str, chat_id: int) -> list[dict[str, Any]]:
    """The chat's messages as the server keeps them."""
    with urllib.request.urlopen(f"{base}/sandbox/chats/{chat_id}") as response:
        return list(json.load(response)["messages"])


async def test_everything_a_bot_sends_is_shown_and_usable(
    browser: Any, sandbox_process: SandboxProcess, tmp_path: Path
) -> None:
    from playwright.async_api import expect

    base = sandbox_process.base
    chat = await open_page(browser, base, tmp_path)
    await chat.add_resident("Samira", "ar")
    samira = resident_id(base, "Samira")
    bot = make_bot(base, SANDBOX_TOKEN)
    try:
        greeting = (
            "<b>أهلاً بكم</b> في <i>ستادشتيمه</i> &lt;script&gt;alert(1)&lt;/script&gt; "
            '<a href="https://www.duisburg.de">duisburg.de</a>'
        )
        sent = await bot.send_message(samira, greeting, parse_mode="HTML")
        bubble = chat.bot_bubbles("أهلاً بكم").last
        await expect(bubble.locator(".text b")).to_have_text("أهلاً بكم")
        await expect(bubble.locator(".text i")).to_have_text("ستادشتيمه")
        await expect(bubble.locator(".text")).to_contain_text("<script>alert(1)</script>")
        assert await chat.page.locator("#messages script").count() == 0
        assert await bubble.locator(".text a").get_attribute("href") == "https://www.duisburg.de/"
        direction = "element => getComputedStyle(element).direction"
        assert await bubble.locator(".text").evaluate(direction) == "rtl"
        await bot.edit_message_text(
            greeting + " ✓", chat_id=samira, message_id=sent.message_id, parse_mode="HTML"
        )
        await expect(bubble.locator(".time")).to_contain_text("edited")
        await chat.screenshot("arabic-rtl-html-edited")

        await poll_vote(chat, bot, base, samira)
        await downloads(chat, bot, samira)
        await bot.send_venue(samira, 51.4344, 6.7623, "Rathaus Duisburg", "Burgplatz 19")
        venue = chat.bot_bubbles("Rathaus Duisburg").last.locator(".card.place")
        await expect(venue).to_contain_text("Burgplatz 19")
        await reply_keyboard_and_location(chat, bot, samira)
        await chat.screenshot("venue-keyboard-location")
    finally:
        await bot.session.close()
    assert chat.errors == []


async def poll_vote(chat: ChatPage, bot: Any, base: str, samira: int) -> None:
    """A native poll: vote in the browser, see the result, the server counts it."""
    from playwright.async_api import expect

    await bot.send_poll(samira, "أي يوم؟", ["الاثنين", "الثلاثاء"], is_anonymous=False)
    poll = chat.bot_bubbles("أي يوم؟").last.locator(".poll")
    await poll.locator("button.option", has_text="الثلاثاء").click()
    await expect(poll).to_contain_text("100%")
    await expect(poll.locator(".option", has_text="الثلاثاء")).to_contain_text("✓")
    [shown] = [m for m in history(base, samira) if "poll" in m]
    assert shown["votes"] == {str(samira): [1]}
    assert [o["voter_count"] for o in shown["poll"]["options"]] == [0, 1]
    await chat.screenshot("poll-voted")


async def downloads(chat: ChatPage, bot: Any, samira: int) -> None:
    """Documents (.ics, CSV, PNG) download with their names and bytes; images are previewed."""
    from playwright.async_api import expect

    csv = b"Referenz;Thema\nI-2026-0001;Verkehr\n"
    files = (("buergerforum.ics", ICS), ("ideen.csv", csv), ("plan.png", png(40, 30)))
    for name, content in files:
        await bot.send_document(samira, BufferedInputFile(content, name))
        link = chat.bot_bubbles(name).last.locator("a.download")
        async with chat.page.expect_download() as info:
            await link.click()
        download = await info.value
        assert download.suggested_filename == name
        saved = Path(await download.path())
        assert await asyncio.to_thread(saved.read_bytes) == content
    preview = chat.bot_bubbles("plan.png").last.locator(".photo img")
    await expect(preview).to_have_js_property("naturalWidth", 40)


async def reply_keyboard_and_location(chat: ChatPage, bot: Any, samira: int) -> None:
    """A one-time reply keyboard sends its text and hides; a location is shared."""
    from playwright.async_api import expect

    keyboard = ReplyKeyboardMarkup(
        keyboard=[[KeyboardButton(text="نعم"), KeyboardButton(text="لا")]], one_time_keyboard=True
    )
    await bot.send_message(samira, "هل توافق؟", reply_markup=keyboard)
    buttons = chat.page.locator("#reply-keyboard")
    await expect(buttons).to_be_visible()
    await buttons.locator("button", has_text="نعم").click()
    await expect(chat.page.locator("#messages li.bubble.mine", has_text="نعم")).to_have_count(1)
    await expect(buttons).to_be_hidden()
    await chat.page.click("#location-button")
    await chat.page.locator("#location-panel button[type=submit]").click()
    place = chat.page.locator("#messages li.bubble.mine .card.place").last
    await expect(place).to_contain_text("51.42970, 6.77540")


async def test_phone_sized_screen(
    browser: Any, sandbox_process: SandboxProcess, tmp_path: Path
) -> None:
    from playwright.async_api import expect

    chat = await open_page(browser, sandbox_process.base, tmp_path, width=390, height=844)
    page = chat.page
    await expect(page.locator("#chat-list")).to_be_visible()
    await chat.add_resident("Jonas", "de")
    await expect(page.locator("#sidebar")).to_be_hidden()  # one column: the chat only
    await chat.send("/start")
    await chat.expect_bot(Catalog()("<b>Welcome to Stadtstimme!</b>", "de"))
    composer = await page.locator("#composer").bounding_box()
    assert composer is not None and composer["y"] + composer["height"] <= 844
    assert await page.evaluate("document.documentElement.scrollWidth") <= 390
    await chat.screenshot("phone-chat")
    await page.click("#back")
    await expect(page.locator("#chat-list")).to_be_visible()
    await chat.screenshot("phone-chat-list")
    assert chat.errors == []
