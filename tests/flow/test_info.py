"""Information pages come from the database, in the reader's language or marked German."""

from __future__ import annotations

from sqlalchemy import delete, select

from bot.config import LANGUAGES
from db.models import InfoPage
from tests.flow.harness import Harness


async def test_pages_in_own_language_and_german_fallback_marked(harness: Harness) -> None:
    async with harness.runtime.session_factory() as session:
        # A page that exists only in German, as staff may add before translations arrive.
        await session.execute(
            delete(InfoPage).where(InfoPage.slug == "contact", InfoPage.language != "de")
        )
        await session.commit()
    chat = harness.chat(401, "en")
    await chat.send("/start")
    await chat.press("Continue")
    await chat.press("Skip")
    await chat.press("Information")
    titles = [b["text"] for b in chat.buttons()]
    assert titles[:5] == [
        "Taking part in Duisburg 2027", "How the bot works",
        "Volunteering: recognition and contacts", "Kontakt", "Privacy",
    ]  # fmt: skip
    await chat.press("Taking part")
    assert "Citizen forums" in chat.last_text()
    assert "only available in German" not in chat.last_text()
    await chat.press("Back")
    await chat.press("Kontakt")
    text = chat.last_text()
    assert "0203 94000" in text and "duisburg2027@stadt-duisburg.de" in text
    assert "This page is only available in German." in text


async def test_a_deleted_page_leads_back_to_the_list(harness: Harness) -> None:
    chat = harness.chat(402, "en")
    await chat.send("/start")
    await chat.press("Continue")
    await chat.press("Skip")
    await chat.press("Information")
    async with harness.runtime.session_factory() as session:
        await session.execute(delete(InfoPage).where(InfoPage.slug == "contact"))
        await session.commit()
    await chat.press("Contact")
    assert chat.last_text().startswith("Information")
    assert harness.api.calls("answerCallbackQuery")[-1].params["text"] == (
        "This page no longer exists."
    )


async def test_how_it_works_explains_every_main_menu_button_in_every_language(
    harness: Harness,
) -> None:
    async with harness.runtime.session_factory() as session:
        rows = await session.execute(
            select(InfoPage.language, InfoPage.title).where(InfoPage.slug == "how-it-works")
        )
        titles: dict[str, str] = {language: title for language, title in rows.all()}
    for number, language in enumerate(LANGUAGES):
        chat = harness.chat(410 + number, language)
        await chat.send("/menu")
        # Each feature is named by its button's label, in bold, on the page.
        labels = [b["text"].split(" ", 1)[1] for b in chat.buttons()]
        assert harness.t("Ideas", language) in labels
        await chat.press(harness.t("Information", language))
        await chat.press(titles[language])
        page = chat.last()
        bold = {e["offset"]: e["length"] for e in page.get("entities", []) if e["type"] == "bold"}
        named = {utf16_slice(page["text"], start, length) for start, length in bold.items()}
        assert set(labels) <= named, (language, set(labels) - named)
        assert "DuisbürgerIdeen" in page["text"]


def utf16_slice(text: str, offset: int, length: int) -> str:
    """The part of a text that an entity (counted in UTF-16 units) marks."""
    units = text.encode("utf-16-le")
    return units[2 * offset : 2 * (offset + length)].decode("utf-16-le")
