"""An unexpected failure gets one friendly sentence in the person's language and a clean log."""

from __future__ import annotations

from sqlalchemy import text

from tests.flow.harness import Harness

SECRET_TEXT = "Mein Name ist Erika Mustermann"


async def test_failure_is_answered_kindly_and_logged_without_personal_data(
    harness: Harness,
) -> None:
    chat = harness.chat(701, "tr")
    await chat.send("/start")
    await chat.press(harness.t("Continue", "tr"))
    await chat.press(harness.t("Yes, set up my profile", "tr"))
    async with harness.runtime.session_factory() as session:
        await session.execute(text("DROP TABLE user_topics"))  # the topics step will fail
        await session.commit()
    await chat.send(SECRET_TEXT)  # typed mid-flow: the district question comes again
    await chat.press(harness.t("Skip", "tr"))  # district
    await chat.press(harness.t("Skip", "tr"))  # age group; the topics step fails
    sorry = harness.t(
        "Sorry, something went wrong on our side. Please try again in a moment.", "tr"
    )
    assert chat.last_text() == sorry
    assert sorry != "Sorry, something went wrong on our side. Please try again in a moment."
    [record] = harness.errors.records
    line = record.getMessage()
    assert "failed:" in line
    assert "OperationalError" in line or "ProgrammingError" in line
    assert "user_topics" not in line and SECRET_TEXT not in line and "701" not in line
    harness.errors.records.clear()  # seen and checked: not an unexpected error


async def test_failure_before_the_language_is_known_is_answered_too(
    harness: Harness,
) -> None:
    """The update's first query fails: the answer goes in Telegram's language of the person."""
    async with harness.runtime.session_factory() as session:
        await session.execute(text("DROP TABLE fsm_states"))  # the first look will fail
        await session.commit()
    chat = harness.chat(702, "tr")
    await chat.send("/start")
    sorry = harness.t(
        "Sorry, something went wrong on our side. Please try again in a moment.", "tr"
    )
    assert chat.last_text() == sorry
    assert "Sorry" not in sorry
    [record] = harness.errors.records
    assert "failed:" in record.getMessage()
    assert "first_look" in record.getMessage()
    harness.errors.records.clear()  # seen and checked: not an unexpected error
