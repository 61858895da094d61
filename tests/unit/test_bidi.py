"""Arabic text shows commands, Latin names, phone numbers and dates in their own order.

Rendered with the Unicode bidi algorithm (python-bidi, paragraph direction right-to-left) the
way a phone lays out the line; the visual string is read left to right.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from bidi import get_display

from bot.i18n import locales_dir, po_path
from bot.i18n_tools import check
from bot.services.bidi import (
    FSI,
    ISOLATE_MARKS,
    LINES_MAX,
    LRI,
    PDI,
    RLM,
    isolate,
    isolate_ltr,
    isolate_ltr_runs,
    right_to_left,
)

COMMAND = re.compile(r"/[a-z]+")
MARKS = re.compile("[" + "".join(sorted(ISOLATE_MARKS)) + "]")
ISOLATED = re.compile(f"{LRI}([^{PDI}]*){PDI}")
# tdlib's rule for a tap-able /command: "/" not after a word character, "/", "<" or ">".
TELEGRAM_COMMAND = re.compile(r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?![\w/<>])")


def shown(text: str) -> str:
    """The visual order of one right-to-left line, without the invisible isolate marks."""
    filled = re.sub(r"\{\w*\}", "7", re.sub(r"<[^>]*>", "", text))
    return MARKS.sub("", get_display(filled, base_dir="R"))


def arabic_texts() -> list[str]:
    with po_path("ar").open("rb") as source:
        catalog = read_po(source, locale="ar")
    texts: list[str] = []
    for message in catalog:
        if message.id:
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            texts += [str(form) for form in forms]
    return texts


def plain(text: str) -> str:
    """The characters a reader gets, before layout: no tags, no isolate marks."""
    return MARKS.sub("", re.sub(r"<[^>]*>", "", text))


def with_commands(texts: list[str]) -> list[str]:
    return [text for text in texts if COMMAND.search(plain(text))]


def test_arabic_catalog_shows_every_command_and_latin_fragment_in_order() -> None:
    texts = arabic_texts()
    assert len(with_commands(texts)) >= 15
    for text in with_commands(texts):
        visual = shown(text)
        for command in COMMAND.findall(plain(text)):
            assert command in visual, (command, visual)
            assert command[1:] + "/" not in visual, visual
    fragments = [(text, run) for text in texts for run in ISOLATED.findall(text)]
    assert any(run == "0203 94000" for _, run in fragments)  # a phone number
    for text, run in fragments:
        assert re.sub(r"\{\w*\}", "7", run) in shown(text), run


def test_without_isolates_the_privacy_command_reads_backwards() -> None:
    privacy = next(t for t in arabic_texts() if "/privacy" in t and "التفاصيل" in t)
    bare = MARKS.sub("", privacy)
    assert "privacy/" in shown(bare)
    assert "/privacy" in shown(privacy)
    assert "94000 0203" in shown(MARKS.sub("", next(t for t in arabic_texts() if "94000" in t)))


def test_check_fails_when_arabic_isolates_are_missing(tmp_path: Path) -> None:
    copy = tmp_path / "locales"
    shutil.copytree(locales_dir(), copy)
    po = copy / "ar" / "LC_MESSAGES" / "messages.po"
    po.write_text(MARKS.sub("", po.read_text(encoding="utf-8")), encoding="utf-8")
    problems = check(copy)
    assert any(re.search(r"not isolated \([^)]*/privacy\b", p) for p in problems)
    assert all(p.startswith("ar: left-to-right text not isolated") for p in problems)


def test_isolated_commands_stay_tappable_in_telegram() -> None:
    for text in with_commands(arabic_texts()):
        expected = set(COMMAND.findall(plain(text)))
        found = set(TELEGRAM_COMMAND.findall(re.sub(r"<[^>]*>", "", text)))
        assert expected and expected <= found, (expected, text)


@pytest.mark.parametrize(
    ("arabic", "fragment"),
    [
        ("أرسل /delete لمسحه.", "/delete"),
        ("الخط الساخن على الرقم 0203 94000.", "0203 94000"),
        ("يرجى الكتابة هكذا: 2026-12-03 18:00 (في المستقبل).", "2026-12-03 18:00"),
        ("الرابط https://www.duisburg.de/privacy للمزيد.", "https://www.duisburg.de/privacy"),
        ("العنوان: Rathaus Hamborn, Duisburger Str. 213", "Rathaus Hamborn, Duisburger Str. 213"),
    ],
)
def test_isolating_keeps_the_fragment_and_the_sentence(arabic: str, fragment: str) -> None:
    isolated = isolate_ltr_runs(arabic)
    assert isolate_ltr(fragment) in isolated
    assert MARKS.sub("", isolated) == arabic
    assert fragment in shown(isolated)
    assert isolate_ltr_runs(isolated) == isolated  # done once only
    assert isolate_ltr_runs("Send /delete now.") == "Send /delete now."  # only in RTL text


def test_user_content_of_unknown_direction_is_first_strong_isolated() -> None:
    line = "صاحب الفكرة: " + isolate("Anna (Duisburg)") + "."
    assert "Anna (Duisburg)" in shown(line)


def test_each_line_of_a_value_is_isolated_on_its_own() -> None:
    # A line break ends an isolate, so one pair around two paragraphs would leave the second bare.
    assert isolate("Wo treffen Sie sich?\n\nOffen für alle.") == (
        f"{FSI}Wo treffen Sie sich?{PDI}\n\n{FSI}Offen für alle.{PDI}"
    )
    assert isolate("") == ""


def test_a_card_value_of_many_lines_keeps_at_most_lines_max_lines() -> None:
    value = "\n".join(f"Zeile {n}" for n in range(30))
    shown_lines = isolate(value, LINES_MAX).split("\n")
    assert len(shown_lines) == LINES_MAX and shown_lines.count("") == 0
    joined = " ".join(f"Zeile {n}" for n in range(LINES_MAX - 1, 30))
    assert shown_lines[-1] == FSI + joined + PDI
    assert all(line.startswith(FSI) and line.endswith(PDI) for line in shown_lines)
    assert len(isolate(value).split("\n")) == 30  # without a limit every line stays


def test_every_line_but_empty_ones_starts_right_to_left() -> None:
    assert right_to_left("<b>Titel</b>\n\n📍 Ort") == f"{RLM}<b>Titel</b>\n\n{RLM}📍 Ort"
