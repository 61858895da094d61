"""A real browser on the real sandbox: onboarding has no trap (issue 19, point 2).

A newcomer opens 🔒 About privacy from the welcome and goes ◀️ Back: the welcome with Continue
is there again, and Continue still offers the profile. Screenshots go to test-output/ (gitignored)
so a person can look at them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.e2e.browser_support import TIMEOUT_MS, Catalog, SandboxProcess, open_page

t = Catalog()
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "onboarding-privacy-back"
CONSENT = (
    "Would you like to tell us a little about yourself? "
    "With your district, age group and topics we send you only what matters to you. "
    "This is optional. You can change or delete it at any time under Settings."
)


async def test_privacy_details_and_back_keep_the_welcome_with_continue(
    browser: Any, sandbox_process: SandboxProcess
) -> None:
    from playwright.async_api import expect

    SHOTS.mkdir(parents=True, exist_ok=True)
    chat = await open_page(browser, sandbox_process.base, SHOTS.parent)
    chat.shots = SHOTS
    await chat.add_resident("Jonas", "de")
    await chat.send("/start")
    welcome = await chat.expect_bot(t("<b>Welcome to Stadtstimme!</b>", "de"))
    await chat.press(t("About privacy", "de"))
    details = await chat.expect_bot(t("Show my data", "de"))  # the button under the details
    await expect(details).not_to_contain_text(t("Continue", "de"))
    await chat.screenshot("privacy-details")
    await chat.press(t("Back", "de"))
    welcome = await chat.expect_bot(t("<b>Welcome to Stadtstimme!</b>", "de"))
    continue_button = welcome.locator(".keyboard button", has_text=t("Continue", "de"))
    await expect(continue_button).to_be_visible(timeout=TIMEOUT_MS)
    await chat.screenshot("back-at-the-welcome")
    await continue_button.click()
    await chat.expect_bot(t(CONSENT, "de"))
    await chat.screenshot("profile-offer")
    assert chat.errors == []
