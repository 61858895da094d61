"""A real browser (Debian's chromium) on the real sandbox: staff use the web dashboard.

A Turkish resident hands in an idea with a photo in the web chat; the demo staff member (an
admin) sends /dashboard in their chat, signs in through the link, sees the photo (the dashboard
fetches it through getFile), publishes the idea (the resident is told in Turkish), downloads the
ideas XLSX, and opens polls, a poll's results, meetings, staff and the audit log. The dashboard
is in German (the browser asks for de).
Screenshots go to test-output/dashboard/ (gitignored) so a person can look at them.
"""

from __future__ import annotations

import asyncio
import io
import re
from pathlib import Path
from typing import Any

from tests.e2e.browser_support import TIMEOUT_MS, Catalog, ChatPage, SandboxProcess, open_page
from tests.sandbox.webchat_support import png

t = Catalog()
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "dashboard"
STAFF = "Mira (demo staff, admin)"


async def hand_in_idea(chat: ChatPage, text: str, photo: Path) -> str:
    """A new Turkish resident hands in an idea with a photo, without profile or place; returns
    its reference."""
    await chat.add_resident("Kemal", "tr")
    await chat.send("/start")
    await chat.expect_bot(t("<b>Welcome to Stadtstimme!</b>", "tr"))
    await chat.press(t("Continue", "tr"))
    await chat.press(t("Skip", "tr"))
    await chat.expect_bot(t("No problem.", "tr"))
    await chat.press(t("Ideas", "tr"))
    await chat.press(t("Hand in an idea", "tr"))
    await chat.press(t("Transport", "tr"))
    await chat.press(t("Walsum", "tr"))
    await chat.send(text)
    await chat.send_photo(photo)
    await chat.expect_bot(
        t("Photo {count} of {limit} saved. Send another one, or tap Done.", "tr", count=1, limit=3)
    )
    await chat.press(t("Done", "tr"))
    await chat.expect_bot(
        t("Is there a particular place? Share a location (📎 → Location), or tap Skip.", "tr")
    )
    await chat.press(t("Skip", "tr"))
    await chat.expect_bot(text)
    await chat.press(t("Send", "tr"), in_message=text)
    handed_in = await chat.expect_bot(t("✅ <b>Thank you! Your idea has been handed in.</b>", "tr"))
    found = re.search(r"I-\d{4}-\d{4}", await handed_in.inner_text())
    assert found, await handed_in.inner_text()
    return found[0]


def sheet_cells(path: Path) -> list[str]:
    """Every non-empty cell of a downloaded workbook, as text."""
    from openpyxl import load_workbook

    # From its bytes: the browser saves it under a name without the .xlsx openpyxl asks for.
    book = load_workbook(io.BytesIO(path.read_bytes()), read_only=True)
    return [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True)
            for v in row if v is not None]  # fmt: skip


async def sign_in_link(chat: ChatPage) -> str:
    """The one-time link the bot sends the demo staff member for /dashboard (a new message:
    another browser test may have left an older, used link in the same chat)."""
    await chat.open_chat(STAFF)
    before = await chat.bot_bubbles().count()
    await chat.send("/dashboard")
    for _ in range(TIMEOUT_MS // 100):
        if await chat.bot_bubbles().count() > before:
            break
        await asyncio.sleep(0.1)
    bubble = await chat.expect_bot("/login/")
    found = re.search(r"http://127\.0\.0\.1:\d+/login/\S+", await bubble.inner_text())
    assert found, await bubble.inner_text()
    return found[0]


class Shots:
    """Numbered full-page screenshots of the dashboard."""

    def __init__(self, page: Any) -> None:
        self.page, self.count = page, 0

    async def __call__(self, name: str) -> None:
        self.count += 1
        await self.page.screenshot(path=str(SHOTS / f"{self.count:02d}-{name}.png"), full_page=True)


async def test_staff_sign_in_publish_an_idea_download_it_and_see_every_page(
    browser: Any, sandbox_process: SandboxProcess, tmp_path: Path
) -> None:
    from playwright.async_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    chat = await open_page(browser, sandbox_process.base, SHOTS.parent)
    chat.shots = SHOTS
    idea = "Walsum'dan merkeze akşamları daha sık otobüs olsun."
    photo = tmp_path / "otobus.png"
    photo.write_bytes(png(320, 200))
    reference = await hand_in_idea(chat, idea, photo)
    link = await sign_in_link(chat)

    context = await browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 860})
    page = await context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    shot = Shots(page)
    await page.goto(link)  # opening the link changes nothing: its button signs in
    await shot("sign-in")
    await page.locator("button", has_text=t("Sign in to the dashboard", "de")).click()
    await expect(page.locator("nav")).to_contain_text(t("Audit log", "de"))  # an admin's nav
    await shot("overview")

    await page.locator("nav a", has_text=t("Ideas", "de")).click()
    await page.select_option("select[name=status]", "submitted")
    await page.locator("form.filters button", has_text=t("Filter", "de")).click()
    await page.locator("a", has_text=reference).click()
    await expect(page.locator("blockquote")).to_have_text(idea)
    # The photo the resident sent, fetched by the dashboard through getFile from (fake) Telegram.
    await expect(page.locator(".photos img")).to_have_js_property("naturalWidth", 320)
    await page.check("input[name=action][value=publish]")
    await page.fill("textarea[name=comment]", "Teşekkürler!")
    await shot("idea-decide")
    await page.locator("button", has_text=t("Save decision", "de")).click()
    await expect(page.locator("p.meta")).to_contain_text(t("Published", "de"))  # the chat's word
    await shot("idea-published")

    await page.goto(page.url.split("/ideas")[0] + "/ideas?status=published")
    async with page.expect_download() as info:
        await page.locator("a", has_text=t("Download XLSX", "de")).click()
    download = await info.value
    assert download.suggested_filename == "ideas.xlsx"
    cells = await asyncio.to_thread(sheet_cells, Path(await download.path()))
    assert reference in cells and idea in cells
    # No staff ids, no author in the export (every resident the web chat calls Kemal).
    chats = await chat.page.evaluate("fetch('/sandbox/chats').then(answer => answer.json())")
    authors = {str(c["id"]) for c in chats["chats"] if c["title"] == "Kemal"}
    assert authors and not any(person in cell for cell in cells for person in {"690001", *authors})
    await shot("ideas-published")

    await page.locator("nav a", has_text=t("Polls", "de")).click()
    await expect(page.locator("h1")).to_have_text(t("Polls", "de"))
    await shot("polls")
    await page.locator("tbody a").first.click()
    await expect(page.locator("h2").first).to_contain_text(t("Language", "de"))
    await shot("poll-results")
    await page.locator("nav a", has_text=t("Meetings", "de")).click()
    await expect(page.locator("tbody tr").first).to_contain_text(t("QR code (PNG)", "de"))
    await shot("meetings")
    meetings_page = page.url
    await page.locator("tbody tr").first.locator("a", has_text=t("Feedback", "de")).click()
    await expect(page.locator("h1")).to_be_visible()
    await shot("meeting-feedback")
    await page.goto(meetings_page)
    await page.locator("tbody tr a", has_text=t("Edit", "de")).first.click()
    await expect(page.locator("input[name=venue]")).to_be_visible()
    await shot("meeting-edit")
    await page.locator("nav a", has_text=t("Staff", "de")).click()
    await expect(page.locator("tbody")).to_contain_text("690001")
    await shot("staff")
    await page.fill("input[name=telegram_id]:not([type=hidden])", "424242")
    await page.locator("form.filters select[name=role]").select_option("moderator")
    await page.locator("button", has_text=t("Give the role", "de")).click()
    given = t("{id} is now {role}.", "de").format(id=424242, role=t("Moderator", "de"))
    await expect(page.locator("p[role=status]")).to_have_text(given)
    await shot("staff-role-given")
    await page.locator("nav a", has_text=t("Audit log", "de")).click()
    await expect(page.locator("tbody")).to_contain_text("idea.publish")
    await expect(page.locator("tbody")).to_contain_text("export.ideas")
    await expect(page.locator("tbody")).to_contain_text("staff:424242")
    await shot("audit")
    assert errors == []

    await chat.open_chat("Kemal")
    notice = "🎉 Your idea {reference} has been published. Everyone can now see and support it."
    await chat.expect_bot(t(notice, "tr", reference=reference))
    await chat.screenshot("chat-author-told")
    assert chat.errors == []
