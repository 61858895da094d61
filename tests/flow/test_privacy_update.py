"""A new privacy notice version is shown once at the next interaction, then the usual answer."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.services import users
from db.models import User
from tests.flow.harness import Harness


async def test_new_notice_version_is_shown_once(
    harness: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    chat = harness.chat(880, "tr")
    await chat.send("/start")
    await chat.press(harness.t("Continue", "tr"))
    await chat.press(harness.t("Skip", "tr"))
    before = len(chat.messages())
    raised = users.PRIVACY_VERSION + 1
    monkeypatch.setattr(users, "PRIVACY_VERSION", raised)  # the notice text changed
    await chat.send("/help")
    new = chat.messages()[before:]
    updated = harness.t("We have updated our privacy notice:", "tr")
    assert new[0]["text"].startswith(updated) and len(new) == 2
    assert new[1]["text"] == chat.last_text() and updated not in new[1]["text"]
    await chat.send("/help")
    assert len(chat.messages()) == before + 3
    async with harness.runtime.session_factory() as session:
        version = await session.scalar(select(User.privacy_version).where(User.telegram_id == 880))
    assert version == raised
