"""The "du" offer follows an age answer, so it must leave no trace of that answer: a child under
16 is told no profile is kept, and withdrawing consent erases the age group and all it implies."""

from __future__ import annotations

from tests.flow.harness import Chat, Harness
from tests.flow.mydata_support import downloaded_document
from tests.flow.test_informal_offer import OFFER, to_age_question
from tests.flow.test_profile import stored_user


async def nothing_age_derived(harness: Harness, chat: Chat, telegram_id: int) -> None:
    user, topics = await stored_user(harness, telegram_id)
    assert (user.age_group, user.language_offers, user.language, topics) == (None, "", None, [])
    await chat.send("/mydata")
    _message, document = downloaded_document(harness, chat)
    assert document["language_offers"] == []
    assert "de@du" not in str(document)


async def test_a_child_under_16_offered_du_has_nothing_stored(harness: Harness) -> None:
    chat = harness.chat(411, "de")
    await to_age_question(harness, 411, "de")
    await chat.press(harness.t("Under 16", "de"))
    assert chat.last_text() == harness.t(OFFER, "de")  # still offered, in this conversation
    await nothing_age_derived(harness, chat, 411)


async def test_withdrawing_consent_leaves_no_trace_of_16_to_17(harness: Harness) -> None:
    chat = harness.chat(412, "de")
    await to_age_question(harness, 412, "de")
    await chat.press("16–17")
    assert chat.last_text() == harness.t(OFFER, "de")
    await chat.press("Nein, lieber „Sie“")
    await chat.press(harness.t("Done", "de"))
    await chat.send("/settings")
    await chat.press(harness.t("Profile", "de"))
    await chat.press(harness.t("Delete my profile", "de"))
    await nothing_age_derived(harness, chat, 412)
