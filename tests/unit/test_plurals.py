"""Counted messages: each language's plural rule, every form filled, the right one shown."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from aiogram.utils.i18n import I18n
from babel.messages.pofile import read_po

from bot.config import LANGUAGES
from bot.i18n import build_i18n, locales_dir, po_path
from bot.i18n_rules import plural_rule_problems
from bot.i18n_tools import check, pot_path

ANSWERS = ("That is {count} answer; at most 12 fit.", "That is {count} answers; at most 12 fit.")
TOLD = ("Published. {count} subscriber is told.", "Published. {count} subscribers are told.")
KEPT = (
    "{count} published idea stays visible without your name.",
    "{count} published ideas stay visible without your name.",
)
# Placeholders that hold a count of something; next to a noun they need ngettext.
COUNTS = (
    "count|n|total|minutes|days|limit|over|missing|length|expected|max|maximum|minimum"
    "|registered|waiting|capacity|voters|recipients|sent|stars|groups"
)
COUNTED_NOUN = re.compile(rf"\{{({COUNTS})\}} (?!of\b|are allowed|are needed|saved\b)[a-z]")
# Staff poll results are reworded in the staff-views work (issue 26); they drop out there.
WORDED_ELSEWHERE = {
    "Residents: {voters} of {recipients} answered (turnout {turnout}).",
    "Youth groups ({groups}): {voters} votes ({counts}), included in the totals.",
}


@pytest.fixture(scope="module")
def i18n() -> I18n:
    return build_i18n("de")


def say(i18n: I18n, forms: tuple[str, str], n: int, language: str) -> str:
    return i18n.gettext(forms[0], forms[1], n, locale=language).format(count=n)


def test_every_plural_message_has_all_forms_of_each_language() -> None:
    with pot_path().open("rb") as source:
        plural_ids = [m.id for m in read_po(source) if isinstance(m.id, tuple)]
    assert len(plural_ids) >= 25
    for language in LANGUAGES:
        with po_path(language).open("rb") as source:
            catalog = read_po(source, locale=language)
        assert plural_rule_problems(catalog, language) == []
        for msgid in plural_ids:
            forms = catalog[msgid[0]].string
            assert len(forms) == catalog.num_plurals, (language, msgid)
            assert all(form.strip() for form in forms), (language, msgid)


@pytest.mark.parametrize(
    ("language", "shown"),
    [
        (
            "ru",
            {1: "1 ответ;", 2: "2 ответа;", 5: "5 ответов;", 11: "11 ответов;", 21: "21 ответ;"},
        ),
        ("uk", {1: "1 відповідь;", 3: "3 відповіді;", 12: "12 відповідей;", 22: "22 відповіді;"}),
        ("pl", {1: "1 odpowiedź;", 2: "2 odpowiedzi;", 5: "5 odpowiedzi;"}),
        (
            "ro",
            {1: "1 răspuns;", 2: "2 răspunsuri;", 19: "19 răspunsuri;", 20: "20 de răspunsuri;"},
        ),
        ("de", {1: "Das ist 1 Antwort;", 2: "Das sind 2 Antworten;"}),
        ("en", {1: "That is 1 answer;", 13: "That is 13 answers;"}),
        ("bg", {1: "1 отговор;", 7: "7 отговора;"}),
        ("el", {1: "1 απάντηση·", 4: "4 απαντήσεις·"}),
        ("tr", {1: "Bu 1 cevap;", 6: "Bu 6 cevap;"}),
    ],
)
def test_counted_answers_read_right(i18n: I18n, language: str, shown: dict[int, str]) -> None:
    for n, words in shown.items():
        assert words in say(i18n, ANSWERS, n, language), (language, n)


def test_arabic_uses_all_six_forms(i18n: I18n) -> None:
    told = {n: say(i18n, TOLD, n, "ar") for n in (0, 1, 2, 3, 11, 100, 102, 111)}
    assert "لا يوجد مشتركون" in told[0]  # zero
    assert "مشترك واحد" in told[1]  # one, said in words
    assert "مشتركَين اثنين" in told[2]  # dual
    assert "3 مشتركين" in told[3]  # few (3–10): plural
    assert "11 مشتركًا" in told[11] and "111 مشتركًا" in told[111]  # many: accusative singular
    assert "100 مشترك." in told[100] and "102 مشترك." in told[102]  # other: genitive singular


def test_no_more_one_with_a_plural_noun(i18n: I18n) -> None:
    assert say(i18n, KEPT, 1, "de").startswith("1 veröffentlichte Idee bleibt")
    assert say(i18n, KEPT, 3, "de").startswith("3 veröffentlichte Ideen bleiben")
    assert say(i18n, KEPT, 1, "en").startswith("1 published idea stays")
    assert say(i18n, KEPT, 21, "ru").startswith("21 опубликованная идея останется")


def test_no_count_next_to_a_noun_without_plural_forms() -> None:
    """A new message like "{count} people are told" must go through ngettext."""
    with pot_path().open("rb") as source:
        singular = [m.id for m in read_po(source) if isinstance(m.id, str) and m.id]
    unhandled = [m for m in singular if COUNTED_NOUN.search(m) and m not in WORDED_ELSEWHERE]
    assert unhandled == []
    assert COUNTED_NOUN.search("Cancelled. {count} people are told.")
    assert not COUNTED_NOUN.search("Failed: {count}")


def test_check_reports_a_missing_form_and_a_wrong_rule(tmp_path: Path) -> None:
    copy = tmp_path / "locales"
    shutil.copytree(locales_dir(), copy)
    po = copy / "ar" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    # The rule this catalog had before: 100–102 and 11–99 swapped.
    text = text.replace("n%100>=11 ? 4 : 5", "n%100>=0 && n%100<=2 ? 4 : 5", 1)
    blank = re.search(r'msgid "That is \{count\} answer;.*?msgstr\[3\] (".*?")\n', text, re.S)
    assert blank is not None
    text = text[: blank.start(1)] + '""' + text[blank.end(1) :]
    po.write_text(text, encoding="utf-8")
    problems = check(copy)
    assert any(p.startswith("ar: Plural-Forms picks the wrong form for n=11") for p in problems)
    assert any("needs 6 plural forms" in p and "That is {count}" in p for p in problems)
