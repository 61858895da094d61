"""Tables and loaders behind language detection: scripts, letters, places, word lists."""

from __future__ import annotations

import gzip
import math
import re
import sys
import unicodedata
from importlib import resources

import msgpack

# Languages that share a script and so need statistics to tell apart; ar and el stand alone.
GROUPS: dict[str, tuple[str, ...]] = {
    "lat": ("de", "en", "tr", "pl", "ro"),
    "cyr": ("ru", "uk", "bg"),
}

# Letters that only one of our languages writes and no neighbouring language we do not offer
# (French â/î, Spanish ó, Hungarian ö/ü are left out): a word with one is a word of that language.
OWN_LETTERS: dict[str, frozenset[str]] = {
    "pl": frozenset("ąęłńśźżć"),
    "ro": frozenset("ășțţ"),
    "tr": frozenset("ığ"),
    "de": frozenset("äß"),
    "uk": frozenset("іїєґ"),  # і is Belarusian too, but ў (foreign) shows that one
    "ru": frozenset("ыэё"),
    "bg": frozenset("ѝ"),
}
# Letters that only some of a group's languages use, with the weight they add to each.
MARKERS: dict[str, tuple[tuple[frozenset[str], dict[str, float]], ...]] = {
    "lat": (
        (frozenset("ığ"), {"tr": 4.0}),
        (frozenset("ş"), {"tr": 2.0, "ro": 1.0}),  # Romanians often type cedilla ş for ș
        (frozenset("ç"), {"tr": 2.0}),
        (frozenset("ąęłńśźżćó"), {"pl": 4.0}),
        (frozenset("ăâîșțţ"), {"ro": 4.0}),
        (frozenset("äß"), {"de": 4.0}),
        (frozenset("öü"), {"de": 1.5, "tr": 1.5}),
    ),
    "cyr": (
        (frozenset("іїєґ"), {"uk": 4.0}),
        (frozenset("ыэё"), {"ru": 4.0}),
        (frozenset("ѝ"), {"bg": 4.0}),
    ),
}
# Letters a language writes often and the others of its group never: a text without any of them
# is less likely that language, the more so the longer it is. Shares of all letters in running
# text, measured on the wordfreq lists (frequency-weighted). Cyrillic only: Latin-script users
# often type without diacritics, Cyrillic users have their own keyboard layout.
TELLTALE_SHARE: dict[str, tuple[tuple[frozenset[str], str, float], ...]] = {
    "cyr": (
        (frozenset("іїєґ"), "uk", 0.073),
        (frozenset("ыэё"), "ru", 0.023),
        (frozenset("ъѝ"), "bg", 0.017),
    ),
}
# Letters of neighbouring languages that none of ours uses (French/Italian/Spanish accents,
# Bosnian/Croatian, Azerbaijani; Serbian, Macedonian, Belarusian, Kazakh; Persian, Kurdish).
FOREIGN: dict[str, frozenset[str]] = {
    "lat": frozenset("àáèéêëìíïòôõùúûñãåæøəčšžđ"),
    "cyr": frozenset("јљњћђџѓќѕўқғүұңөһә"),
    "ar": frozenset("پچژگکیەێۆڕڵ"),
}
# Russian writes ъ only before е/ё/ю/я (подъезд); anywhere else it is Bulgarian (къде, съм).
BG_HARD_SIGN = re.compile(r"ъ(?![еёюя])")
# A Ukrainian apostrophe between letters (під'їзд, п'ятниця).
UK_APOSTROPHE = re.compile(r"[а-яґ]'[яюєї]")
# Turkish puts case endings after an apostrophe on proper nouns: Marxloh'da, Duisburg'a.
TR_SUFFIX = re.compile(
    r"'(?:y?[aeıiuü]|n?[ıiuü]n|[dt][ae](?:ki|n)?|y?l[ae]|l[ae]r\w*|n[ae])", re.IGNORECASE
)

# Duisburg districts and landmarks: they appear in every language and say nothing about it.
_PLACE_NAMES = """
    duisburg hamborn marxloh obermarxloh innenhafen rheinhausen walsum meiderich ruhrort homberg
    neumühl hochfeld wanheimerort buchholz huckingen rumeln kaldenhausen baerl beeck beeckerwerth
    laar bruckhausen fahrn röttgersbach aldenrade vierlinden overbruch wehofen neudorf duissern
    kaßlerfeld hochemmerich bergheim friemersheim hochheide asterlagen bissingheim wedau ungelsheim
    hüttenheim mündelheim serm rahm großenbaum wanheim angerhausen dellviertel landschaftspark
    rheinpark hauptbahnhof hbf"""
PLACES = frozenset(_PLACE_NAMES.split())
# Chat tokens shared by all our languages: they must not tip the balance.
_NEUTRAL_WORDS = """
    ok okay okey oke okej kk lol xd wifi wlan internet online app bot link email mail whatsapp
    telegram discord instagram insta tiktok viber zoom youtube google"""
NEUTRAL = frozenset(_NEUTRAL_WORDS.split())
LAUGHTER = re.compile(r"(?:ha|he|hi|xa|ха|хе){2,}h?|h+m+|x+d+|lo+l")
URLS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+|[@#]\w+", re.IGNORECASE)
TOKEN = re.compile(r"[^\W\d_]+(?:['-][^\W\d_]+)*")
APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "`": "'", "İ": "i"})

# Folding for users who type without diacritics (ı, ł and ß do not decompose in NFD).
_FOLD_SPECIAL = str.maketrans({"ı": "i", "ł": "l", "ß": "ss"})
_GERMAN_ASCII = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def fold(word: str) -> str:
    """The word without diacritics, as typed on a keyboard that lacks them."""
    decomposed = unicodedata.normalize("NFD", word.translate(_FOLD_SPECIAL))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def script_of(ch: str) -> str:
    """The script group of one letter: 'ar', 'el', 'cyr', 'lat' or 'other'."""
    code = ord(ch)
    if 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0xFB50 <= code <= 0xFEFF:
        return "ar"
    if 0x0370 <= code <= 0x03FF or 0x1F00 <= code <= 0x1FFF:
        return "el"
    if 0x0400 <= code <= 0x04FF:
        return "cyr"
    if code < 0x0250 or 0x1E00 <= code <= 0x1EFF:
        return "lat"
    return "other"


def _read_wordlist(lang: str) -> list[list[str]]:
    """wordfreq's 'small' list for a language: bucket i holds words of frequency 10^(-i/100)."""
    blob = resources.files("wordfreq").joinpath("data", f"small_{lang}.msgpack.gz").read_bytes()
    buckets: list[list[str]] = msgpack.unpackb(gzip.decompress(blob), raw=False)
    return buckets[1:]  # the first item is a format header


def listed_words(lang: str) -> list[str]:
    """All words of a language's list, most frequent first (for the ending statistics)."""
    return [word for bucket in _read_wordlist(lang) for word in bucket if word.isalpha()]


def load_zipf_table(lang: str, fold_penalty: int) -> dict[str, int]:
    """Map each word (and its diacritic-free spelling) to ten times its Zipf frequency."""
    table: dict[str, int] = {}
    folded: dict[str, int] = {}
    for index, bucket in enumerate(_read_wordlist(lang)):
        zipf10 = round(90 - index / 10)  # Zipf = log10(frequency per billion words)
        for word in bucket:
            word = sys.intern(word.translate(APOSTROPHES))
            table.setdefault(word, zipf10)
            variants = {fold(word)}
            if lang == "de":
                variants.add(word.translate(_GERMAN_ASCII))
            for variant in variants - {word}:
                folded.setdefault(sys.intern(variant), zipf10 - fold_penalty)
    for variant, zipf10 in folded.items():
        table.setdefault(variant, zipf10)
    return table


def marker_bonus(text: str, group: str, absence_weight: float) -> dict[str, float]:
    """Evidence from letters and spellings that only some languages of the group use."""
    bonus: dict[str, float] = {}
    letters = set(text)
    for chars, weights in MARKERS[group]:
        if letters & chars:
            for lang, weight in weights.items():
                bonus[lang] = bonus.get(lang, 0.0) + weight
    count = sum(ch.isalpha() for ch in text)
    for chars, lang, share in TELLTALE_SHARE.get(group, ()):
        if letters.isdisjoint(chars):
            bonus[lang] = bonus.get(lang, 0.0) + absence_weight * count * math.log1p(-share)
    if group == "cyr":
        if BG_HARD_SIGN.search(text):
            bonus["bg"] = bonus.get("bg", 0.0) + 3.0
        if UK_APOSTROPHE.search(text):
            bonus["uk"] = bonus.get("uk", 0.0) + 3.0
    elif any(token.startswith("'") and TR_SUFFIX.fullmatch(token) for token in text.split()):
        bonus["tr"] = bonus.get("tr", 0.0) + 3.0
    return bonus


LN10 = math.log(10)
