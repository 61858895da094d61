"""Choosing a language answers in it at once and switches this chat's command menu."""

from __future__ import annotations

from tests.flow.harness import TOKEN, Harness


async def test_language_picker_switches_reply_and_chat_commands(harness: Harness) -> None:
    chat = harness.chat(201, "de")
    await chat.send("/start")
    await chat.press("▶️")  # "Continue", whatever the language
    await chat.press(harness.t("Skip", "de"))
    await chat.send("/language")
    labels = [b["text"] for b in chat.buttons()]
    assert labels == [
        "Deutsch", "Deutsch (du)", "English", "Türkçe", "العربية", "Русский",
        "Українська", "Polski", "Български", "Română", "Ελληνικά",
    ]  # fmt: skip
    await chat.press("Türkçe")
    turkish_done = harness.t("Done! I'll talk to you in this language from now on.", "tr")
    assert chat.last_text().startswith(turkish_done)
    scoped = [
        c for c in harness.api.calls("setMyCommands", token=TOKEN)
        if c.params.get("scope", {}).get("type") == "chat"
    ]  # fmt: skip
    assert len(scoped) == 1
    assert scoped[0].params["scope"]["chat_id"] == 201
    menu_tr = harness.runtime.i18n.gettext("Main menu", locale="tr")
    assert {"command": "menu", "description": menu_tr} in scoped[0].params["commands"]

    # The stored choice now beats Telegram's language_code on every later update.
    await chat.send("/menu")
    menu_heading = harness.t("<b>Main menu</b>\nWhat would you like to do?", "tr")
    assert chat.last_text() == menu_heading.replace("<b>", "").replace("</b>", "")


async def test_choosing_language_before_onboarding_shows_welcome_again(harness: Harness) -> None:
    chat = harness.chat(202, "xx")
    await chat.send("/start")
    await chat.press("🌐")
    await chat.press("English")
    assert chat.last_text().startswith("Welcome to Stadtstimme!")
    assert any("Continue" in b["text"] for b in chat.buttons())
