"""Marks that keep a right-to-left card readable around German values."""

from __future__ import annotations

from bot.services.bidi_card import LINES_MAX, isolate, right_to_left

RLM, FSI, PDI = "\u200f", "\u2068", "\u2069"


def test_each_line_of_a_value_is_isolated_on_its_own() -> None:
    # A line break ends an isolate, so one pair around two paragraphs would leave the second bare.
    assert isolate("Wo treffen Sie sich?\n\nOffen für alle.") == (
        f"{FSI}Wo treffen Sie sich?{PDI}\n\n{FSI}Offen für alle.{PDI}"
    )
    assert isolate("") == ""


def test_a_value_of_many_lines_keeps_at_most_lines_max_lines() -> None:
    value = "\n".join(f"Zeile {n}" for n in range(30))
    shown = isolate(value).split("\n")
    assert len(shown) == LINES_MAX and shown.count("") == 0
    assert shown[-1] == FSI + " ".join(f"Zeile {n}" for n in range(LINES_MAX - 1, 30)) + PDI
    assert all(line.startswith(FSI) and line.endswith(PDI) for line in shown)


def test_every_line_but_empty_ones_starts_right_to_left() -> None:
    assert right_to_left("<b>Titel</b>\n\n📍 Ort") == f"{RLM}<b>Titel</b>\n\n{RLM}📍 Ort"
