"""The 🤝 menu links the information page on recognition (Ehrenamtskarte NRW, the city's
contacts), in the resident's language; Back leads on, nothing is a dead end."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.sandbox.server import FakeBotAPI
from tests.flow.announce_support import resident
from tests.flow.conftest import checked
from tests.flow.harness import Harness
from tests.flow.ideas_support import STAFF_CHAT

SEED = Path(__file__).resolve().parents[2] / "db/migrations/seed/info_0033/volunteering-recognition"


@pytest.fixture
async def h(fake_api: tuple[FakeBotAPI, str], database_url: str) -> AsyncIterator[Harness]:
    async with checked(*fake_api, database_url, staff_chat_id=STAFF_CHAT) as bot_harness:
        yield bot_harness


@pytest.mark.parametrize("language", ["tr", "de", "ar"])
async def test_the_volunteering_menu_opens_the_recognition_page(h: Harness, language: str) -> None:
    chat = await resident(h, 880, language, onboarded=True)
    await chat.send("/menu")
    await chat.press("🤝")
    await chat.press("🏅")
    title = (SEED / f"{language}.html").read_text(encoding="utf-8").partition("\n\n")[0]
    shown = chat.last_text()
    assert shown.startswith(title.strip())
    assert "Ehrenamtskarte NRW" in shown and "0203 283-2830" in shown
    await chat.press(h.t("Back", language))  # the information list, where the page is too
    assert any(title.strip() in b["text"] for b in chat.buttons())
