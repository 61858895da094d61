"""Under 16 the optional profile would need a parent's consent (Art. 8 GDPR): none is stored.

Whoever says they are under 16 — at the consent question, at the age question, or when changing
the age group later — keeps no district, age group, topics or consent, is told why in their
language, and carries on with everything else.
"""

from __future__ import annotations

import pytest

from bot.services.users import UserService
from tests.flow.harness import Harness
from tests.flow.meetings_support import FixedClock, publish, with_clock
from tests.flow.test_profile import stored_user

RULE = (
    "The profile is for people aged 16 and over: for anyone younger the law requires a parent's "
    "consent (Art. 8 GDPR), so we store no profile for them. Everything else works just the "
    "same without one."
)
NOTE = (
    "Thank you for telling us. As you are under 16, we store no profile for you, and anything "
    "you chose for it has been deleted. You can still use everything: ideas, polls, meetings "
    "and news."
)


async def no_profile(harness: Harness, telegram_id: int) -> None:
    user, topics = await stored_user(harness, telegram_id)
    assert (user.district, user.age_group, user.profile_consent_at, topics) == (
        None, None, None, [],
    )  # fmt: skip


async def test_saying_so_at_the_consent_question_stores_nothing(harness: Harness) -> None:
    chat = harness.chat(321, "de")
    await chat.send("/start")
    await chat.press(harness.t("About privacy", "de"))  # the full privacy text says it first
    notice = harness.t(
        "Optional: district, age group and topics, only with your consent ({consent}). "
        "You can withdraw it at any time. For people under 16 we store no profile "
        "({child}).",
        "de",
    ).format(consent="Art. 6 Abs. 1 lit. a DSGVO", child="Art. 8 DSGVO")
    assert notice in chat.last_text()
    await chat.press(harness.t("Back", "de"))
    await chat.press(harness.t("Continue", "de"))
    assert harness.t(RULE, "de") in chat.last_text()
    assert harness.t(RULE, "de") != RULE  # in German
    await chat.press(harness.t("I am under 16", "de"))
    menu = harness.t("<b>Main menu</b>\nWhat would you like to do?", "de")
    assert chat.last_text() == harness.t(NOTE, "de") + "\n\n" + menu.replace("<b>", "").replace(
        "</b>", ""
    )  # then straight on to the main menu
    await no_profile(harness, 321)
    user, _ = await stored_user(harness, 321)
    assert user.onboarded


async def test_choosing_under_16_at_the_age_question_erases_the_district(
    harness: Harness,
) -> None:
    chat = harness.chat(322, "en")
    await chat.send("/start")
    await chat.press("Continue")
    await chat.press("Yes, set up my profile")
    await chat.press("Hamborn")
    user, _ = await stored_user(harness, 322)
    assert user.district == "hamborn"
    await chat.press("Under 16")
    assert chat.last_text().startswith(NOTE)
    assert "Main menu" in chat.last_text()
    await no_profile(harness, 322)

    # Setting it up again from Settings shows the consent question with the rule first.
    await chat.send("/settings")
    await chat.press("Profile")
    assert "You have no profile" in chat.last_text()
    await chat.press("Set up my profile")
    assert RULE in chat.last_text()
    await chat.press("I am under 16")
    assert chat.last_text().startswith(NOTE)
    assert "You have no profile" in chat.last_text()  # back at the profile view
    await no_profile(harness, 322)


async def test_changing_the_age_group_to_under_16_deletes_the_profile(harness: Harness) -> None:
    chat = harness.chat(323, "tr")
    t = harness.t
    await chat.send("/start")
    await chat.press(t("Continue", "tr"))
    await chat.press(t("Yes, set up my profile", "tr"))
    await chat.press(t("Walsum", "tr"))
    await chat.press(t("18–26", "tr"))
    await chat.press(t("Sport", "tr"))
    await chat.press(t("Done", "tr"))
    user, topics = await stored_user(harness, 323)
    assert (user.district, user.age_group, topics) == ("walsum", "18-26", ["sport"])

    await chat.send("/settings")
    await chat.press(t("Profile", "tr"))
    await chat.press(t("Change age group", "tr"))
    await chat.press(t("Under 16", "tr"))
    assert chat.last_text().startswith(t(NOTE, "tr"))
    assert t(NOTE, "tr") != NOTE
    assert t("Set up my profile", "tr") in [b["text"] for b in chat.buttons()]
    await no_profile(harness, 323)


async def test_the_service_never_stores_the_age_group_under_16(harness: Harness) -> None:
    chat = harness.chat(324, "en")
    await chat.send("/start")
    async with harness.runtime.session_factory() as session:
        users = UserService(session, harness.runtime.clock)
        user = await users.find(324)
        assert user is not None
        await users.give_profile_consent(user)
        with pytest.raises(PermissionError):
            await users.set_age_group(user, "under-16")
    user, _ = await stored_user(harness, 324)
    assert user.age_group is None


async def test_after_a_poster_link_the_note_comes_before_the_meeting(harness: Harness) -> None:
    await with_clock(harness, FixedClock())
    meeting_id = await publish(harness)
    chat = harness.chat(325, "uk")
    await chat.send(f"/start m{meeting_id}")
    await chat.press(harness.t("Continue", "uk"))
    await chat.press(harness.t("I am under 16", "uk"))
    *_, note, card = [m.get("text", "") for m in chat.messages()]
    assert note == harness.t(NOTE, "uk")
    assert "Bürgerforum Hamborn" in card  # the meeting the poster was about
    await chat.press(harness.t("I'll come", "uk"))
    assert harness.t("You are registered.", "uk") in chat.last_text()
    await no_profile(harness, 325)
