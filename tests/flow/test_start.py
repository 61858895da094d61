"""/start greets in the right language with the privacy notice and three buttons."""

from __future__ import annotations

import re

import pytest

from tests.flow.harness import Harness

WELCOME = "<b>Welcome to Stadtstimme!</b>"
# A letter only that language's script has, so a wrong language can't pass by accident.
SCRIPT = {"ar": "[\u0600-\u06ff]", "uk": "[іїєґ]", "tr": "[şğıüöç]", "de": "[a-zäöü]"}


def catalog_text(harness: Harness, language: str, msgid: str) -> str:
    """What the catalog says for msgid in language, without HTML tags."""
    return re.sub(r"<[^>]+>", "", harness.runtime.i18n.gettext(msgid, locale=language))


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [("de", "de"), ("tr", "tr"), ("ar", "ar"), ("uk", "uk"), ("de-AT", "de"), ("xx", "de")],
)
async def test_start_greets_in_telegram_language(
    harness: Harness, language_code: str, expected: str
) -> None:
    chat = harness.chat(101, language_code)
    await chat.send("/start")
    text = chat.last_text()
    greeting = catalog_text(harness, expected, WELCOME)
    assert greeting != "Welcome to Stadtstimme!"
    assert text.startswith(greeting)
    assert re.search(SCRIPT[expected], text.lower())
    # The privacy summary: one phone screen, where to see and delete the data, the details.
    assert len(text) <= 400
    assert "/mydata" in text and "/delete" in text and "/privacy" in text
    assert len(chat.buttons()) == 3
