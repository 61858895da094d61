"""Onboarding has no trap (privacy details lead back to the welcome); a returning resident's
/start is a short welcome back with the main menu, the notice only when its version changed."""

from __future__ import annotations

import pytest

from bot.services import users
from handlers.account.profile import consent_question
from tests.flow.harness import Chat, Harness

WELCOME = "<b>Welcome to Stadtstimme!</b>"
WELCOME_BACK = "Welcome back to Stadtstimme!"
MENU_ENTRIES = (
    "Ideas", "Meetings", "Polls", "Volunteering", "Participatory budget", "Information",
    "Settings", "Help",
)  # fmt: skip


async def onboard(harness: Harness, chat: Chat, language: str) -> None:
    await chat.send("/start")
    await chat.press(harness.t("Continue", language))
    await chat.press(harness.t("Skip", language))


@pytest.mark.parametrize("language", ["de", "ar"])
async def test_privacy_details_lead_back_to_the_welcome_during_onboarding(
    harness: Harness, language: str
) -> None:
    chat = harness.chat(701, language)
    await chat.send("/start")
    welcome = chat.last_text()
    await chat.press(harness.t("About privacy", language))
    assert chat.last_text() != welcome  # the privacy details
    await chat.press(harness.t("Back", language))
    assert chat.last_text() == welcome
    labels = [button["text"] for button in chat.buttons()]
    assert any(harness.t("Continue", language) in label for label in labels)
    await chat.press(harness.t("Continue", language))  # the profile offer is still there
    with harness.runtime.i18n.context(), harness.runtime.i18n.use_locale(language):
        assert chat.last_text() == consent_question()
    assert len(chat.messages()) == 1  # all in place, nothing piled up


async def test_privacy_back_leads_to_settings_once_onboarded(harness: Harness) -> None:
    chat = harness.chat(702, "en")
    await onboard(harness, chat, "en")
    await chat.send("/privacy")
    await chat.press("Back")
    assert chat.last_text() == "Settings"


@pytest.mark.parametrize("language", ["tr", "uk"])
async def test_returning_resident_gets_a_short_welcome_back_and_the_menu(
    harness: Harness, language: str
) -> None:
    chat = harness.chat(703, language)
    await onboard(harness, chat, language)
    before = len(chat.messages())
    await chat.send("/start")
    new = chat.messages()[before:]
    assert len(new) == 1
    welcome_back = harness.t(WELCOME_BACK, language)
    assert welcome_back != WELCOME_BACK  # translated
    assert new[0]["text"].startswith(welcome_back)
    assert harness.t(WELCOME, language).split(">")[1].split("<")[0] not in new[0]["text"]
    assert "24" not in new[0]["text"]  # no privacy notice again
    labels = [button["text"] for button in chat.buttons(new[0])]
    assert len(labels) == len(MENU_ENTRIES)
    for entry, label in zip(MENU_ENTRIES, labels, strict=True):
        assert harness.t(entry, language) in label


async def test_returning_resident_sees_a_changed_notice_then_the_menu(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat = harness.chat(704, "en")
    await onboard(harness, chat, "en")
    before = len(chat.messages())
    monkeypatch.setattr(users, "PRIVACY_VERSION", users.PRIVACY_VERSION + 1)
    await chat.send("/start")
    new = chat.messages()[before:]
    assert [m["text"].split("\n")[0] for m in new] == [
        "We have updated our privacy notice:",
        WELCOME_BACK,
    ]
    assert "/delete" in new[0]["text"] and "/privacy" in new[0]["text"]
    assert len(chat.buttons(new[1])) == len(MENU_ENTRIES)
    await chat.send("/start")  # seen now: only the welcome back
    assert len(chat.messages()) == before + 3
    assert chat.last_text().startswith(WELCOME_BACK)
