"""Per-message catalog rules: plural forms, placeholders, HTML and bidi isolates."""

from __future__ import annotations

import gettext
import re
from collections import Counter
from collections.abc import Callable

from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural

from bot.i18n import RTL_LANGUAGES
from bot.services.bidi import unisolated_ltr_runs
from bot.services.html import InvalidHtml, visible_text

PLACEHOLDER = re.compile(r"\{(\w*)\}")
TAG = re.compile(r"</?([a-z-]+)")
# Enough numbers to tell every CLDR plural rule apart (0–2, 3–10, 11–19, 21, 100–102, …).
SAMPLE_COUNTS = range(0, 1001)


def plural_rule_problems(catalog: Catalog, language: str) -> list[str]:
    """The catalog's Plural-Forms header must choose the forms CLDR (via Babel) chooses."""
    expected = get_plural(language)
    if catalog.num_plurals != expected.num_plurals:
        return [f"Plural-Forms has nplurals={catalog.num_plurals}, CLDR says {expected}"]
    ours = _plural_function(catalog.plural_expr)
    theirs = _plural_function(expected.plural_expr)
    wrong = [n for n in SAMPLE_COUNTS if ours(n) != theirs(n)]
    if wrong:
        return [f"Plural-Forms picks the wrong form for n={wrong[0]} (CLDR: {expected})"]
    return []


def _plural_function(expression: str) -> Callable[[int], int]:
    return gettext.c2py(expression)


def message_problems(message: Message, language: str, num_plurals: int) -> list[str]:
    """What is wrong with one translated message, singular or plural."""
    if "fuzzy" in message.flags:
        return ["fuzzy"]
    if isinstance(message.id, tuple | list):
        return _plural_problems(message, language, num_plurals)
    return _form_problems(str(message.id), str(message.string or ""), language, exact=True)


def _plural_problems(message: Message, language: str, num_plurals: int) -> list[str]:
    plural_id = str(message.id[1])
    forms = [str(form or "") for form in message.string or ()]
    if len(forms) != num_plurals or not all(form.strip() for form in forms):
        return [f"untranslated (needs {num_plurals} plural forms)"]
    # Only the last form ("other") must name every placeholder: Arabic "one" and "two" may
    # say the number in words ("دقيقة واحدة"), Python's format() ignores what is unused.
    found = _form_problems(plural_id, forms[-1], language, exact=True)
    for form in forms[:-1]:
        found += _form_problems(plural_id, form, language, exact=False)
    return sorted(set(found))


def _form_problems(msgid: str, msgstr: str, language: str, *, exact: bool) -> list[str]:
    if not msgstr.strip():
        return ["untranslated"]
    found = []
    wanted, got = Counter(PLACEHOLDER.findall(msgid)), Counter(PLACEHOLDER.findall(msgstr))
    if (wanted != got) if exact else not set(got) <= set(wanted):
        found.append("placeholders differ")
    if Counter(TAG.findall(msgid)) != Counter(TAG.findall(msgstr)):
        found.append("HTML tags differ")
    try:
        visible_text(msgstr)
    except InvalidHtml as error:
        found.append(f"invalid HTML ({error})")
    if language in RTL_LANGUAGES and (runs := unisolated_ltr_runs(msgstr)):
        found.append(f"left-to-right text not isolated ({', '.join(runs)})")
    return found
