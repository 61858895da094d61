"""After the editor types a sending time, the summary's "Above is this version" is true: the
version is sent again right above it, not the editor's own time message."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.sandbox import updates
from tests.flow.announce_support import editor
from tests.flow.harness import Harness
from tests.flow.test_announce_versions import GERMAN, bold, shown, three_versions


async def test_the_version_is_shown_again_above_the_summary_with_the_time(
    harness: Harness,
) -> None:
    chat = await editor(harness)
    await three_versions(chat)
    await chat.press("Schedule")
    tomorrow = datetime.now(UTC).astimezone(ZoneInfo("Europe/Berlin")) + timedelta(days=1)
    await chat.send(tomorrow.strftime("%d.%m.%Y") + " 18:00")
    sample, summary = chat.messages()[-2:]
    assert "Version: German\nAbove is this version" in summary["text"]
    assert "Sending time:" in summary["text"]
    assert shown(sample) == (GERMAN, bold(9), None)  # what "above" refers to


async def test_a_photo_version_is_shown_again_with_its_photo(harness: Harness) -> None:
    chat = await editor(harness)
    await chat.send("/announce")
    photo = updates.photo_update(chat.user, caption="Neue Spielplätze in Walsum")
    await chat.send_update(photo)
    await chat.press("Continue")
    await chat.press("Continue")
    await chat.press("Schedule")
    tomorrow = datetime.now(UTC).astimezone(ZoneInfo("Europe/Berlin")) + timedelta(days=1)
    await chat.send(tomorrow.strftime("%d.%m.%Y") + " 18:00")
    sample, summary = chat.messages()[-2:]
    largest = photo["message"]["photo"][-1]["file_id"]
    assert shown(sample) == ("Neue Spielplätze in Walsum", [], largest)
    assert "Above is this version" in summary["text"]
