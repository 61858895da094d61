"""The privacy texts as a resident reads them: a short first message, a full text that names
everything stored and the retention from the settings, and no false privacy terms."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache

import pytest
from aiogram.utils.i18n import I18n
from babel.messages.pofile import read_po

from bot.config import LANGUAGES
from bot.i18n import build_i18n, locales_dir
from bot.presentation.privacy import privacy_pages
from bot.sandbox.html_check import parse_html
from bot.services.text_length import utf16_len
from handlers.common import welcome_text

FIRST_MESSAGE_MAX = 400
# Words that call a pseudonymous vote "encrypted" or spell out "keyed hash", per language.
FALSE_TERMS = {
    "de": ("verschlüssel", "hash", "kennwert"),
    "en": ("encrypt", "hash", "hmac"),
    "tr": ("şifrel", "hash", "karma değer", "anahtarlı"),
    "ar": ("مشفر", "مشفّر", "تشفير", "تجزئة"),
    "ru": ("шифр", "хеш", "хэш", "ключев"),
    "uk": ("шифр", "хеш", "ключов"),
    "pl": ("szyfr", "hash", "skrót", "kluczowan"),
    "bg": ("шифр", "хеш", "ключов"),
    "ro": ("cripta", "hash", "cu cheie"),
    "el": ("κρυπτογραφ", "hash", "με κλειδί"),
}
# Each category the bot stores about a resident, as the English full text names it.
CATEGORIES = (
    "Telegram ID", "language", "announcements", "district, age group and topics", "idea",
    "photos", "location", "support", "reported", "register", "waiting list", "reminders",
    "rating", "answer", "polls were sent to you", "unfinished entries", "messages waiting",
)  # fmt: skip
LAW = {
    "de": "DSGVO", "en": "GDPR", "tr": "GDPR", "ar": "اللائحة العامة لحماية البيانات",
    "ru": "GDPR", "uk": "GDPR", "pl": "RODO", "bg": "ОРЗД", "ro": "RGPD", "el": "ΓΚΠΔ",
}  # fmt: skip


@cache
def catalogs() -> I18n:
    return build_i18n("de")


@contextmanager
def language(code: str) -> Iterator[None]:
    with catalogs().context(), catalogs().use_locale(code):
        yield


def shown(html: str) -> str:
    """The text as Telegram shows it (entities parsed)."""
    return parse_html(html)[0]


@pytest.mark.parametrize("code", LANGUAGES)
def test_first_message_fits_one_screen_and_says_where_to_delete(code: str) -> None:
    with language(code):
        text = shown(welcome_text())
    assert len(text) <= FIRST_MESSAGE_MAX, (code, len(text))
    assert utf16_len(text) <= FIRST_MESSAGE_MAX, code
    for command in ("/privacy", "/delete", "/mydata"):
        assert command in text, (code, command)
    assert "GDPR" not in text and "DSGVO" not in text  # the citations are in the full text


def test_full_text_names_every_stored_category() -> None:
    with language("en"):
        text = shown("\n".join(privacy_pages(24)))
    missing = [category for category in CATEGORIES if category not in text]
    assert missing == []


@pytest.mark.parametrize("code", LANGUAGES)
def test_full_text_shows_the_retention_from_the_settings(code: str) -> None:
    with language(code):
        usual, longer = "\n".join(privacy_pages(24)), "\n".join(privacy_pages(37))
    assert "24" in usual and "37" not in usual
    assert "37" in longer and "24" not in longer, code


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_page_fits_one_message_and_cites_one_way(code: str) -> None:
    with language(code):
        pages = privacy_pages(240)
    assert all(utf16_len(shown(page)) <= 4096 for page in pages), code
    text = "\n".join(pages)
    assert "/mydata" in text and "/delete" in text
    assert "{" not in text, code  # every placeholder filled
    assert LAW[code] in text
    others = {law for other, law in LAW.items() if law != LAW[code]}
    assert [law for law in others if law in text] == [], code


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_catalog_calls_votes_encrypted_or_a_keyed_hash(code: str) -> None:
    path = locales_dir() / code / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as source:
        catalog = read_po(source, locale=code)
    pattern = re.compile("|".join(map(re.escape, FALSE_TERMS[code])), re.IGNORECASE)
    wrong = [m.string for m in catalog if m.id and m.string and pattern.search(str(m.string))]
    assert wrong == [], code


def test_a_longer_text_is_cut_between_parts_into_pages_that_fit() -> None:
    with language("el"):
        whole = privacy_pages(24, limit=100_000)
        pages = privacy_pages(24, limit=1200)
    assert len(whole) == 1 and len(pages) > 2
    assert all(utf16_len(page) <= 1200 for page in pages)
    assert "\n\n".join(pages) == whole[0]  # nothing lost, nothing repeated


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_citation_in_a_catalog_names_the_law_one_way(code: str) -> None:
    path = locales_dir() / code / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as source:
        cited = [m for m in read_po(source, locale=code) if m.id and "GDPR" in str(m.id)]
    assert len(cited) >= 4  # the three citations and the profile's rule for under-16s
    others = {law for law in LAW.values() if law != LAW[code]}
    for message in cited:
        text = str(message.string)
        assert LAW[code] in text and not [law for law in others if law in text], text


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_notice_names_the_translation_provider_only_when_one_is_set(code: str) -> None:
    with language(code):
        nothing = shown("\n".join(privacy_pages(24)))
        libre = shown("\n".join(privacy_pages(24, provider="libretranslate")))
        deepl = shown("\n".join(privacy_pages(24, provider="deepl")))
    assert "LibreTranslate" not in nothing and "DeepL" not in nothing
    assert "LibreTranslate" in libre and "DeepL" not in libre
    assert "DeepL SE" in deepl and "LibreTranslate" not in deepl
    if code in ("de", "en"):  # where DeepL sits, in the reader's words
        assert ("EU" in deepl) and (("Köln" in deepl) if code == "de" else ("Cologne" in deepl))
