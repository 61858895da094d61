"""A real browser on the real sandbox: the announcement preview shows every language version
as its recipients get it (issue 19, point 7).

The demo staff member (German) writes an announcement in German, Arabic and Turkish; the
language buttons carry German names ("Arabisch", not "العربية"); in the preview a button per
version shows that version, and after sending, an Arabic resident's message reads exactly like
the Arabic preview. Screenshots go to test-output/announce-versions/ (gitignored); the test
prints the folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.sandbox.demo_base import DEMO_STAFF
from tests.e2e.browser_support import Catalog, ChatPage, SandboxProcess, open_page

t = Catalog()
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "announce-versions"
GERMAN = "Stadtfest am Samstag im Landschaftspark – Eintritt frei!"
ARABIC = "مهرجان المدينة يوم السبت في لاندشافتسبارك – الدخول مجاني!"
TURKISH = "Cumartesi Landschaftspark'ta şehir festivali – giriş ücretsiz!"
DIRECTION = "element => getComputedStyle(element).direction"


def version(name: str) -> str:
    """The preview's and the language step's "Version: …" line in German."""
    return t("Version: {language}", "de").format(language=name)


async def add_version(chat: ChatPage, name: str, text: str) -> None:
    """Tap a language on the language step (its name in German) and send its text."""
    await chat.press(name)
    await chat.expect_bot(version(name))
    await chat.send(text)
    await chat.expect_bot(t("Tap a language to add or replace its text, or tap Continue.", "de"))


async def buttons(chat: ChatPage) -> list[str]:
    """The labels under the bot's newest message."""
    keyboard = chat.bot_bubbles().last.locator(".keyboard button")
    return [label.strip() for label in await keyboard.all_inner_texts()]


async def test_each_language_version_is_previewed_as_recipients_see_it(
    browser: Any, sandbox_process: SandboxProcess
) -> None:
    from playwright.async_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    print(f"screenshots: {SHOTS}")
    chat = await open_page(browser, sandbox_process.base, SHOTS.parent)
    chat.shots = SHOTS
    await chat.add_resident("Samira", "ar")  # will receive the Arabic version
    await chat.send("/start")
    await chat.expect_bot(t("<b>Welcome to Stadtstimme!</b>", "ar"))
    await chat.press(t("Continue", "ar"))
    await chat.press(t("Skip", "ar"))
    await chat.expect_bot(t("No problem.", "ar"))

    await chat.open_chat(DEMO_STAFF.name)
    await chat.send("/announce")
    await chat.expect_bot(t("Send /cancel to stop.", "de"))
    await chat.send(GERMAN)
    await chat.expect_bot(t("<b>Language versions</b>", "de"))
    names = await buttons(chat)
    assert "Arabisch" in names and "Türkisch" in names, names
    assert not {"العربية", "Türkçe"} & set(names), names  # German names in a German view
    await chat.screenshot("language-step-german-names")
    await add_version(chat, "Arabisch", ARABIC)
    await add_version(chat, "Türkisch", TURKISH)
    await chat.press(t("Continue", "de"))
    await chat.expect_bot(t("Audience: everyone who gets announcements", "de"))
    await chat.press(t("Continue", "de"))

    await chat.expect_bot(version("Deutsch"))
    assert (await buttons(chat))[:3] == ["👁 Deutsch", "👁 Türkisch", "👁 Arabisch"]
    await chat.screenshot("preview-german")
    await chat.press("👁 Arabisch")
    await chat.expect_bot(version("Arabisch"))
    preview = chat.bot_bubbles(ARABIC).last.locator(".text")
    await expect(preview).to_have_text(ARABIC)
    assert await preview.evaluate(DIRECTION) == "rtl"
    await chat.screenshot("preview-arabic")
    await chat.press("👁 Türkisch")
    await chat.expect_bot(version("Türkisch"))
    await expect(chat.bot_bubbles(TURKISH).last.locator(".text")).to_have_text(TURKISH)
    await chat.screenshot("preview-turkish")

    await chat.press(t("Send now", "de"))
    await chat.expect_bot(t("Recipients right now: {count}", "de", count="").strip())
    await chat.open_chat("Samira")
    received = chat.bot_bubbles(ARABIC).last.locator(".text")
    await expect(received).to_have_text(await preview.inner_text())
    assert await received.evaluate(DIRECTION) == "rtl"
    await chat.screenshot("received-arabic")
    assert chat.errors == []
