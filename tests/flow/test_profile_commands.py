"""Commands work during every step of the profile set-up: /cancel leaves it, /delete asks."""

from __future__ import annotations

import pytest

from tests.flow.harness import Chat, Harness

# How to reach each step from the welcome message, pressing these buttons in turn.
STEPS = {
    "consent": (),
    "district": ("Yes, set up my profile",),
    "age": ("Yes, set up my profile", "Hamborn"),
    "topics": ("Yes, set up my profile", "Hamborn", "Skip"),
}
QUESTION = {
    "consent": "optional",
    "district": "Which district do you live in?",
    "age": "How old are you?",
    "topics": "Which topics interest you?",
}


async def at_step(harness: Harness, user_id: int, step: str) -> Chat:
    chat = harness.chat(user_id, "en")
    await chat.send("/start")
    await chat.press("Continue")
    for label in STEPS[step]:
        await chat.press(label)
    assert QUESTION[step] in chat.last_text()
    return chat


@pytest.mark.parametrize("step", list(STEPS))
async def test_cancel_leaves_the_profile_set_up(harness: Harness, step: str) -> None:
    chat = await at_step(harness, 330, step)
    await chat.send("/cancel")
    assert chat.last_text() == "Okay, cancelled."
    assert "Ideas" in " ".join(b["text"] for b in chat.buttons())  # the way back: the main menu
    await chat.send("hello")  # no longer inside the profile: no question is asked again
    assert QUESTION[step] not in chat.last_text()


@pytest.mark.parametrize("step", list(STEPS))
async def test_delete_and_other_commands_are_not_swallowed(harness: Harness, step: str) -> None:
    chat = await at_step(harness, 331, step)
    await chat.send("/delete")
    assert chat.last_text().startswith("Do you want to delete all your data")
    await chat.send("/help")
    assert "Please use the buttons" not in chat.last_text()
    assert "/delete" in chat.last_text()
    await chat.send("/menu")
    assert "Please use the buttons" not in chat.last_text()
    assert "Ideas" in " ".join(b["text"] for b in chat.buttons())


async def test_typed_text_still_gets_the_question_again(harness: Harness) -> None:
    chat = await at_step(harness, 332, "district")
    await chat.send("Hamborn please")
    assert chat.last_text().startswith("Please use the buttons")
    assert chat.last_text().endswith("Which district do you live in?")
