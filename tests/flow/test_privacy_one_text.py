"""/privacy, Settings → Privacy and Information → Privacy show one text, with the retention from
the settings, page by page when it is long; Back returns where the reader came from."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.presentation import privacy as privacy_notices
from tests.flow.conftest import checked
from tests.flow.harness import Chat, Harness
from tests.flow.test_privacy_notice import POLLS_WHAT


async def onboarded(h: Harness, telegram_id: int, language: str) -> Chat:
    chat = h.chat(telegram_id, language)
    await chat.send("/start")
    await chat.press(h.t("Continue", language))
    await chat.press(h.t("Skip", language))
    return chat


async def from_info(h: Harness, chat: Chat, language: str) -> str:
    await chat.send("/menu")
    await chat.press(h.t("Information", language))
    titles = [b["text"] for b in chat.buttons()]
    assert titles.count(h.t("Privacy", language)) == 1  # one privacy entry, not two
    await chat.press(h.t("Privacy", language))
    return chat.last_text()


@pytest.mark.parametrize("language", ["el", "ar", "de"])
async def test_info_settings_and_command_show_the_same_text(
    harness: Harness, language: str
) -> None:
    h = harness
    chat = await onboarded(h, 940, language)
    await chat.send("/privacy")
    command = chat.last_text()
    await chat.send("/settings")
    await chat.press(h.t("Privacy", language))
    settings = chat.last_text()
    info = await from_info(h, chat, language)
    assert command == settings == info
    pages = [info]  # the text grew past one message (volunteering): read it page by page
    while following := [b for b in chat.buttons() if f"{len(pages) + 1}/" in b["text"]]:
        await chat.press(following[0]["text"])
        pages.append(chat.last_text())
    whole = "\n\n".join(pages)
    assert h.t(POLLS_WHAT, language) in whole and "/delete" in whole and "/mydata" in whole
    await chat.press(h.t("Back", language))
    assert chat.last_text().startswith(h.t("Information", language))


async def following_pages(chat: Chat) -> AsyncIterator[str]:
    """The pages after the one shown, read with the ▶️ button."""
    while (forward := [b for b in chat.buttons() if b["text"].endswith("▶️")]) != []:
        await chat.press(forward[0]["text"])
        yield chat.last_text()


@pytest.fixture
async def long_retention(fake_api: tuple[object, str], database_url: str) -> AsyncIterator[Harness]:
    async with checked(*fake_api, database_url, retention_months=36) as bot_harness:  # type: ignore[arg-type]
        yield bot_harness


async def test_the_text_shows_the_retention_from_the_settings(long_retention: Harness) -> None:
    chat = await onboarded(long_retention, 941, "en")
    await chat.send("/privacy")
    text = chat.last_text()
    assert "If you do not use the bot for 36 months, we delete everything" in text
    assert "24" not in text


async def test_a_long_text_is_read_page_by_page_and_back_leads_to_information(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = harness
    chat = await onboarded(h, 942, "ru")
    await chat.send("/privacy")
    whole = "\n\n".join([chat.last_text(), *[text async for text in following_pages(chat)]])
    monkeypatch.setattr(privacy_notices, "PAGE_LIMIT", 1200)
    pages = [await from_info(h, chat, "ru")]
    pages += [text async for text in following_pages(chat)]
    assert len(pages) > 2 and len(set(pages)) == len(pages)
    assert "\n\n".join(pages) == whole  # nothing lost between pages
    await chat.press(f"◀️ {len(pages) - 1}/")  # one page back
    assert chat.last_text() == pages[-2]
    await chat.press(h.t("Back", "ru"))
    assert chat.last_text().startswith(h.t("Information", "ru"))
