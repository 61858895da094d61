"""Staff's German words in an Arabic author notice keep their punctuation where it belongs."""

from __future__ import annotations

import re

from bidi import get_display

from bot.i18n import build_i18n
from bot.presentation.ideas import author_notice
from bot.services.bidi import FSI, ISOLATE_MARKS, PDI
from bot.services.ideas.moderation import Change, Decision
from db.models import Idea

MARKS = re.compile("[" + "".join(sorted(ISOLATE_MARKS)) + "]")
COMMENT = "Danke! Wir prüfen das bis 12.03."
DEPARTMENT = "Amt 66 (Straßen)"


def notice(language: str, comment: str = COMMENT) -> str:
    i18n = build_i18n("de")
    idea = Idea(reference="I-2026-0007")
    decision = Decision("forward", 1, department=DEPARTMENT, comment=comment)
    with i18n.context():
        return author_notice(idea, Change(decision), language)


def test_arabic_notice_isolates_staff_words_and_shows_them_in_order() -> None:
    text = notice("ar")
    assert f"{FSI}{COMMENT}{PDI}" in text and f"{FSI}{DEPARTMENT}{PDI}" in text
    for line in text.splitlines():
        visual = MARKS.sub("", get_display(line, base_dir="R"))
        plain = MARKS.sub("", line)
        for words in (COMMENT, DEPARTMENT):
            if words in plain:
                assert words in visual, visual
    # Without the isolate the final full stop and the bracket jump to the other end.
    bare = get_display(MARKS.sub("", text.splitlines()[-1]), base_dir="R")
    assert COMMENT not in bare


def test_an_arabic_comment_in_a_german_notice_stays_one_run() -> None:
    # Staff may answer an Arabic author's idea in Arabic while the author reads German.
    arabic = "شكرا! سنراجع ذلك حتى 12.03."
    line = notice("de", arabic).splitlines()[-1]
    assert f"{FSI}{arabic}{PDI}" in line
    label = line.split(FSI)[0]
    visual = MARKS.sub("", get_display(line, base_dir="L"))
    # The German label stays first and the comment reads as it does on its own.
    assert visual == label + get_display(arabic, base_dir="R")


def test_a_two_line_german_comment_in_an_arabic_notice_shows_both_lines_in_order() -> None:
    first, second = "Danke für die Idee!", "Wir melden uns bis 12.03."
    lines = notice("ar", f"{first}\n{second}").splitlines()
    visual = [MARKS.sub("", get_display(line, base_dir="R")) for line in lines]
    assert any(line.startswith(first) for line in visual), visual  # read after the label
    assert second in visual, visual  # a line of its own, punctuation where it belongs
    assert visual.index(second) == next(i for i, v in enumerate(visual) if first in v) + 1
