"""A press that would show what the message already shows costs no refused edit."""

from __future__ import annotations

from tests.flow.harness import Harness


async def test_pressing_for_the_screen_already_shown_changes_nothing(harness: Harness) -> None:
    chat = harness.chat(402, "tr")
    await chat.send("/start")
    await chat.press(harness.t("Continue", "tr"))
    await chat.press(harness.t("Skip", "tr"))
    await chat.press(harness.t("Information", "tr"))
    screen = chat.last()
    edits = len(harness.api.calls("editMessageText"))
    await chat.press_data("m:info", screen)  # an older button for the same screen, or a twin
    assert chat.last() == screen
    # Telegram refuses an edit to identical content ("message is not modified").
    assert len(harness.api.calls("editMessageText")) == edits
