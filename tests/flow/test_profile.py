"""The optional profile: consent, each step skippable, editable later, survives a restart."""

from __future__ import annotations

from sqlalchemy import select

from db.models import User, UserTopic
from tests.flow.harness import Harness


async def stored_user(harness: Harness, telegram_id: int) -> tuple[User, list[str]]:
    async with harness.runtime.session_factory() as session:
        user = (
            await session.execute(select(User).where(User.telegram_id == telegram_id))
        ).scalar_one()
        topics = (
            await session.execute(select(UserTopic.topic).where(UserTopic.user_id == user.id))
        ).scalars()
        return user, sorted(topics)


async def test_full_profile_then_edit_from_settings(harness: Harness) -> None:
    chat = harness.chat(301, "en")
    await chat.send("/start")
    await chat.press("Continue")
    assert "optional" in chat.last_text()
    await chat.press("Yes, set up my profile")
    assert chat.last_text() == "Which district do you live in?"
    await chat.press("Hamborn")
    assert chat.last_text() == "How old are you?"
    await chat.press("16–17")
    await chat.press("Youth")
    await chat.press("Transport")
    assert {"✅ Youth", "✅ Transport"} <= {b["text"] for b in chat.buttons()}
    await chat.press("Done")
    assert chat.last_text().startswith("Thank you!")
    user, topics = await stored_user(harness, 301)
    assert (user.district, user.age_group, topics) == ("hamborn", "16-17", ["transport", "youth"])
    assert user.profile_consent_at is not None and user.onboarded

    await chat.send("/settings")
    await chat.press("Profile")
    assert "District: Hamborn" in chat.last_text()
    await chat.press("Change district")
    await chat.press("Rheinhausen")
    assert "District: Rheinhausen" in chat.last_text()
    await chat.press("Delete my profile")
    user, topics = await stored_user(harness, 301)
    assert (user.district, user.age_group, topics, user.profile_consent_at) == (
        None, None, [], None,
    )  # fmt: skip
    assert "You have no profile" in chat.last_text()


async def test_every_step_can_be_skipped(harness: Harness) -> None:
    chat = harness.chat(302, "en")
    await chat.send("/start")
    await chat.press("Continue")
    await chat.press("Yes, set up my profile")
    await chat.press("Skip")
    await chat.press("Skip")
    await chat.press("Done")
    user, topics = await stored_user(harness, 302)
    assert (user.district, user.age_group, topics, user.onboarded) == (None, None, [], True)
    assert "Main menu" in chat.last_text()


async def test_declining_the_profile_stores_nothing(harness: Harness) -> None:
    chat = harness.chat(303, "en")
    await chat.send("/start")
    await chat.press("Continue")
    await chat.press("Skip")
    user, _ = await stored_user(harness, 303)
    assert user.profile_consent_at is None and user.onboarded
    assert "Main menu" in chat.last_text()


async def test_restart_mid_flow_continues_at_the_same_step(harness: Harness) -> None:
    chat = harness.chat(304, "en")
    await chat.send("/start")
    await chat.press("Continue")
    await chat.press("Yes, set up my profile")
    await chat.press("Mitte")  # now at the age question
    await harness.restart()
    await chat.send("I am 30")  # free text mid-flow after the restart
    assert "Please use the buttons" in chat.last_text()
    await chat.press("27–64")
    assert chat.last_text().startswith("Which topics interest you?")
    user, _ = await stored_user(harness, 304)
    assert (user.district, user.age_group) == ("mitte", "27-64")
