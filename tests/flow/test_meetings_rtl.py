"""Arabic readers get meeting cards laid out right-to-left, even where fields fall back to German.

Telegram lays out each line by its first strong letter: a line that starts with the German title
would run left-to-right. Each line starts with a RIGHT-TO-LEFT MARK; German values sit in isolates.
"""

from __future__ import annotations

from datetime import timedelta

from bot.services.text_length import utf16_len
from tests.flow.announce_support import resident
from tests.flow.harness import Harness
from tests.flow.meetings_support import START, FixedClock, publish, queued, with_clock

RLM, FSI, PDI = "\u200f", "\u2068", "\u2069"
DESCRIPTION = "Wo treffen Sie sich gern, was fehlt?\n\nOffenes Forum für alle von 14 bis 27."


def german_isolated(value: str) -> str:
    """A German value as an Arabic card shows it: in an isolate of its own."""
    return f"{FSI}{value}{PDI}"


async def test_an_arabic_card_with_german_fields_reads_right_to_left(harness: Harness) -> None:
    h = harness
    await with_clock(h, FixedClock())
    await publish(h, accessibility={"de": "Stufenloser Zugang"}, description={"de": DESCRIPTION})
    long_title = "Stadtteilkonferenz Hochfeld: " + "Wohnen, Verkehr und Grünflächen " * 2
    await publish(h, title=long_title.strip(), district="mitte", starts=START + timedelta(days=1))
    reader = await resident(h, 760, "ar")
    await reader.send("/menu")
    await reader.press("🗓")
    first, second = (b["text"] for b in reader.buttons()[:2])  # German titles, isolated
    assert first.endswith(" · " + german_isolated("Bürgerforum Hamborn")), first
    assert second.endswith("…" + PDI) and FSI + "Stadtteilkonferenz" in second, second
    assert utf16_len(second) <= 60
    await reader.press("Bürgerforum Hamborn")  # no Arabic title: the German one
    card = reader.last_text()
    lines = card.split("\n")
    assert all(line.startswith(RLM) for line in lines if line), lines  # every line RTL
    assert lines[0] == RLM + german_isolated("Bürgerforum Hamborn")  # the bold title
    assert "📍 " + german_isolated("Rathaus Hamborn, Duisburger Str. 213, 47166 Duisburg") in card
    assert "♿ " + german_isolated("Stufenloser Zugang") in card
    assert RLM + german_isolated("Wo treffen Sie sich gern, was fehlt?") + "\n\n" in card
    assert RLM + german_isolated("Offenes Forum für alle von 14 bis 27.") in card
    assert RLM + "🏘 " + h.t("Hamborn", "ar") in lines  # Arabic text: marked, not isolated
    assert card.count(FSI) == card.count(PDI) == 5  # title, place, access, two paragraphs

    await reader.press(h.t("I'll come", "ar"))
    registered = reader.last_text()
    assert RLM + "✅ " + h.t("You are registered.", "ar") in registered
    assert all(line.startswith(RLM) for line in registered.split("\n") if line)


async def test_german_and_turkish_cards_carry_no_direction_marks(harness: Harness) -> None:
    h = harness
    await with_clock(h, FixedClock())
    await publish(h, description={"de": DESCRIPTION})
    for telegram_id, language, title in ((761, "de", "Bürgerforum Hamborn"), (762, "tr", "(TR)")):
        reader = await resident(h, telegram_id, language)
        await reader.send("/menu")
        await reader.press("🗓")
        await reader.press(title)
        card = reader.last_text()
        assert card.startswith("Bürgerforum Hamborn") and DESCRIPTION in card
        assert not {RLM, FSI, PDI} & set(card), card


async def test_arabic_meeting_notices_read_right_to_left(harness: Harness) -> None:
    h = harness
    await with_clock(h, FixedClock())
    reader = await resident(h, 763, "ar")
    await reader.send("/settings")
    await reader.press(h.t("New meetings", "ar"))
    await reader.press(h.t("Hamborn", "ar"))
    await publish(h)
    (notice,) = await queued(h, 763)
    lines = notice["text"].split("\n")
    assert lines[0] == RLM + "📢 " + h.t("New meeting in your district:", "ar")
    assert f"{RLM}<b>{german_isolated('Bürgerforum Hamborn')}</b>" in lines  # the title
    assert all(line.startswith(RLM) for line in lines if line), lines
