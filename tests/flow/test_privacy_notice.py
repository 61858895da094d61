"""/privacy and Settings → Privacy say what meetings and polls store, why, and for how long."""

from __future__ import annotations

from datetime import datetime, timedelta

from tests.flow.announce_support import resident
from tests.flow.harness import Harness
from tests.flow.meetings_support import BERLIN, publish

MEETINGS_HOW_LONG = (
    "How long: as long as your other data. You can cancel a registration or change "
    "reminders on the meeting's page. You can stop messages about new meetings "
    "under Settings → New meetings. Deleting your data deletes all of this."
)
POLLS_WHAT = (
    "What: your answer, stored under a pseudonym, not your Telegram ID. With it "
    "your language and, only if you agreed to the profile, your district and age "
    "group. Also which polls were sent to you."
)
POLLS_HOW_LONG = (
    "How long: as long as your other data. While a poll is open you can take your "
    "vote back in the poll. Deleting your data deletes your votes too."
)


def expected(h: Harness, language: str) -> list[str]:
    """The meetings and polls parts' headings (without <b>) and key sentences."""
    return [
        h.t("<b>Meetings</b>", language)[3:-4],
        h.t(MEETINGS_HOW_LONG, language),
        h.t("<b>Polls</b>", language)[3:-4],
        h.t(POLLS_WHAT, language),
        h.t(POLLS_HOW_LONG, language),
    ]


async def test_privacy_command_covers_meetings_and_polls_in_three_languages(
    harness: Harness,
) -> None:
    h = harness
    for telegram_id, language in ((860, "de"), (861, "tr"), (862, "ar")):
        chat = await resident(h, telegram_id, language)
        await chat.send("/privacy")
        notice = chat.last_text()
        for sentence in expected(h, language):
            assert sentence in notice, (language, sentence)
        # Distinct translations: the catalog really has them (not the English fallback).
        assert h.t(POLLS_HOW_LONG, language) != POLLS_HOW_LONG


async def test_settings_privacy_page_covers_meetings_and_polls(harness: Harness) -> None:
    h = harness
    chat = await resident(h, 863, "uk")
    await chat.send("/settings")
    await chat.press(h.t("Privacy", "uk"))
    for sentence in expected(h, "uk"):
        assert sentence in chat.last_text(), sentence


async def test_show_my_data_counts_meetings(harness: Harness) -> None:
    h = harness
    soon = datetime.now(BERLIN).replace(second=0, microsecond=0) + timedelta(days=10)
    first = await publish(h, starts=soon)
    full = await publish(h, title="Forum Walsum", district="walsum", starts=soon, capacity=1)
    await (await resident(h, 864, "de")).press_data(f"mt:reg:{full}:")
    chat = await resident(h, 865, "pl")
    await chat.press_data(f"mt:reg:{first}:")
    await chat.press_data(f"mt:reg:{full}:")  # the waiting list
    await chat.send("/settings")
    await chat.press(h.t("New meetings", "pl"))
    await chat.press(h.t("Walsum", "pl"))
    await chat.send("/privacy")
    await chat.press(h.t("Show my data", "pl"))
    shown = chat.last_text()
    count = h.t("Meeting registrations (incl. waiting list): {count}", "pl").format(count=2)
    assert count in shown
    district = h.t("New meetings: {district}", "pl").format(district=h.t("Walsum", "pl"))
    assert district in shown
    assert h.t("Meeting ratings you gave: {count}", "pl").format(count=0) in shown
