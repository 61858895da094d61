"""Every button label fits on a phone in every language (locales/STYLE.md: 14 half, 28 full)."""

from __future__ import annotations

import re

import pytest
from babel.messages.pofile import read_po

from bot.config import LANGUAGES
from bot.i18n import po_path
from bot.i18n_glossary import load
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.common import rows_by_width
from tests.unit.button_texts import Button, buttons, visible_length

HALF, FULL = 14, 28
PLACEHOLDER = re.compile(r"\{(\w*)\}")
# The longest value a placeholder in a label shows (a campaign number, an idea reference).
SAMPLES = {"id": "1234", "reference": "I-2027-0042"}


def translations(language: str) -> dict[str, str]:
    with po_path(language).open("rb") as handle:
        catalog = read_po(handle, locale=language)
    return {m.id: m.string for m in catalog if m.id and isinstance(m.string, str) and m.string}


def too_long(found: list[Button], catalog: dict[str, str]) -> list[str]:
    problems = []
    for button in found:
        limit = HALF if button.half else FULL
        for msgid in button.msgids:
            text = catalog.get(msgid, msgid)
            label = PLACEHOLDER.sub(lambda m: SAMPLES.get(m[1], "x" * 10), text)
            length = visible_length(label)
            if length > limit:
                problems.append(f"{button.where}: {label!r} has {length} > {limit}")
    return problems


def settled(found: list[Button]) -> list[Button]:
    """Leave out labels another branch rewrites (locales/glossary.toml, [pending])."""
    pending = [re.compile(p) for p in load()["pending"]["msgids"]]
    return [b for b in found if not any(p.search(m) for p in pending for m in b.msgids)]


@pytest.fixture(scope="module")
def every_button() -> list[Button]:
    return settled(buttons())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_button_label_fits(language: str, every_button: list[Button]) -> None:
    assert too_long(every_button, translations(language)) == []


def test_the_reader_finds_the_labels_and_their_widths() -> None:
    found = {(b.where.split(":")[0], b.msgids[0]): b.half for b in buttons()}
    # An info page's Back and Main menu share a row; the welcome's Continue has one of its own.
    assert found[("handlers/account/info.py", "Back")] is True
    assert found[("bot/keyboards/common.py", "Continue")] is False
    # Yes and No of the staff removal share a row.
    assert found[("bot/keyboards/staff.py", "Yes, remove")] is True
    # District names come through place_label; rows_by_width gives a long one its own row.
    assert found[("bot/keyboards/meeting_staff.py", "Whole city")] is False
    # The card's first button is one of two labels, alone in its row.
    assert found[("bot/keyboards/meetings.py", "Join the waiting list")] is False


def test_a_long_half_width_label_is_caught() -> None:
    half = Button("x.py:1", ("Ideas",), True)
    full = Button("x.py:2", ("Ideas",), False)
    long_label = {"Ideas": "Vorschläge und Ideen"}
    assert too_long([half], long_label) == ["x.py:1: 'Vorschläge und Ideen' has 20 > 14"]
    assert too_long([full], long_label) == []


def test_rows_by_width_pairs_short_labels_and_gives_long_ones_a_row() -> None:
    builder = InlineKeyboardBuilder()
    labels = [
        "✅ Digitale Stadt",
        "Kultur",
        "📍 Homberg/Ruhrort/Baerl",
        "Sport",
        "📊 استطلاعات الرأي",
    ]
    for index, label in enumerate(labels):
        builder.button(text=label, callback_data=f"x:{index}")
    rows_by_width(builder, labels)
    rows = [[button.text for button in row] for row in builder.export()]
    # The icon does not count: "Digitale Stadt" (14) pairs, the 15-letter Arabic label does not.
    assert rows == [
        ["✅ Digitale Stadt", "Kultur"],
        ["📍 Homberg/Ruhrort/Baerl"],
        ["Sport"],
        ["📊 استطلاعات الرأي"],
    ]
