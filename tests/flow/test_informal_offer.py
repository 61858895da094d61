"""German with "du": in the picker for everyone, offered once to young people, never forced."""

from __future__ import annotations

from tests.flow.harness import Harness
from tests.flow.test_profile import stored_user

OFFER = "Many young people prefer the informal “du”. Shall I talk to you that way?"
MENU = "<b>Main menu</b>\nWhat would you like to do?"


def plain(text: str) -> str:
    return text.replace("<b>", "").replace("</b>", "")


async def to_age_question(harness: Harness, telegram_id: int, language: str) -> None:
    chat = harness.chat(telegram_id, language)
    await chat.send("/start")
    await chat.press(harness.t("Continue", language))
    await chat.press(harness.t("Yes, set up my profile", language))
    await chat.press(harness.t("Hamborn", language))


async def test_du_is_offered_after_an_age_group_under_18(harness: Harness) -> None:
    chat = harness.chat(401, "de")
    await to_age_question(harness, 401, "de")
    await chat.press("16–17")
    assert chat.last_text() == harness.t(OFFER, "de")
    assert "Sie" in chat.last_text()  # asked in the German the person reads now
    assert [b["text"] for b in chat.buttons()] == ["Ja, gern „du“", "Nein, lieber „Sie“"]
    await chat.press("Ja, gern „du“")
    assert chat.last_text() == "Alles klar! Ab jetzt sage ich „du“."
    user, _ = await stored_user(harness, 401)
    assert user.language == "de@du" and user.age_group == "16-17"
    await chat.press(harness.t("Done", "de@du"))  # the profile flow goes on where it was
    await chat.send("/menu")
    assert chat.last_text() == plain(harness.t(MENU, "de@du"))
    assert "Was möchtest du tun?" in chat.last_text()


async def test_declining_keeps_sie_and_the_offer_is_not_repeated(harness: Harness) -> None:
    chat = harness.chat(402, "de")
    await to_age_question(harness, 402, "de")
    await chat.press("16–17")
    await chat.press("Nein, lieber „Sie“")
    assert chat.last_text() == "Gut, ich bleibe beim „Sie“."
    user, _ = await stored_user(harness, 402)
    assert user.language is None
    await chat.press(harness.t("Done", "de"))
    await chat.send("/settings")
    await chat.press(harness.t("Profile", "de"))
    await chat.press(harness.t("Change age group", "de"))
    before = len(chat.messages())
    await chat.press("16–17")
    assert harness.t(OFFER, "de") not in [m.get("text") for m in chat.messages()[before - 1 :]]
    await chat.send("/menu")
    assert "Was möchten Sie tun?" in chat.last_text()


async def test_no_offer_for_adults_or_other_languages(harness: Harness) -> None:
    adult = harness.chat(403, "de")
    await to_age_question(harness, 403, "de")
    await adult.press("18–26")
    assert harness.t(OFFER, "de") not in [m.get("text") for m in adult.messages()]
    english = harness.chat(404, "en")
    await to_age_question(harness, 404, "en")
    await english.press("16–17")
    assert OFFER not in [m.get("text") for m in english.messages()]


async def test_the_picker_offers_du_to_everyone(harness: Harness) -> None:
    chat = harness.chat(405, "en")
    await chat.send("/start")
    await chat.send("/language")
    await chat.press("Deutsch (du)")
    user, _ = await stored_user(harness, 405)
    assert user.language == "de@du"
    welcome = chat.last_text()  # not onboarded yet: the welcome again, now with "du"
    # The privacy sentence of the welcome, in German with "du" (the formal one says "Ihre").
    assert "Wir speichern deine Telegram-ID" in welcome and "Ihre" not in welcome
