"""Show my data and Delete (then No) keep the privacy text's way back: opened from Information,
Back returns to Information, not to Settings; opened from Settings, to Settings."""

from __future__ import annotations

from tests.flow.harness import Harness
from tests.flow.test_privacy_one_text import from_info, onboarded


async def test_show_my_data_from_information_goes_back_to_information(harness: Harness) -> None:
    h = harness
    chat = await onboarded(h, 945, "tr")
    await from_info(h, chat, "tr")
    await chat.press(h.t("Show my data", "tr"))
    heading = h.t("<b>What we store about you</b>", "tr")
    assert chat.last_text().startswith(heading.replace("<b>", "").replace("</b>", ""))
    await chat.press(h.t("Back", "tr"))
    assert chat.last_text().startswith(h.t("Information", "tr"))


async def test_keeping_the_data_returns_to_the_text_with_the_same_back(harness: Harness) -> None:
    h = harness
    chat = await onboarded(h, 946, "de")
    privacy = await from_info(h, chat, "de")
    await chat.press(h.t("Delete all my data", "de"))
    await chat.press(h.t("No, keep my data", "de"))
    assert chat.last_text() == privacy
    await chat.press(h.t("Back", "de"))
    assert chat.last_text().startswith(h.t("Information", "de"))


async def test_show_my_data_from_settings_goes_back_to_settings(harness: Harness) -> None:
    h = harness
    chat = await onboarded(h, 947, "en")
    await chat.send("/settings")
    settings = chat.last_text()
    await chat.press("Privacy")
    await chat.press("Show my data")
    await chat.press("Back")
    assert chat.last_text() == settings
