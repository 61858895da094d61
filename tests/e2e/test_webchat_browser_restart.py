"""A real browser on a sandbox that is stopped and started again in the same folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser_support import (
    TIMEOUT_MS,
    Catalog,
    SandboxProcess,
    browser_or_skip,
    launch_sandbox,
    open_page,
    stop_sandbox,
)
from tests.e2e.test_run_process import free_port

t = Catalog()


@pytest.fixture
def sandbox_folder(tmp_path: Path) -> SandboxProcess:
    browser_or_skip()
    folder = tmp_path / "sandbox"
    folder.mkdir()
    return SandboxProcess("", folder, Path())


async def test_after_a_restart_the_reloaded_page_shows_the_history_and_the_bot_answers(
    browser: Any, sandbox_folder: SandboxProcess, tmp_path: Path
) -> None:
    from playwright.async_api import expect

    port = free_port()
    welcome = t("<b>Welcome to Stadtstimme!</b>", "tr")
    process = launch_sandbox(sandbox_folder, port, "first.log")
    try:
        chat = await open_page(browser, sandbox_folder.base, tmp_path)
        await chat.add_resident("Ayşe", "tr")
        await chat.send("/start")
        await chat.expect_bot(welcome)
    finally:
        stop_sandbox(process)

    process = launch_sandbox(sandbox_folder, port, "second.log")
    try:
        await chat.page.reload()
        await chat.open_chat("Ayşe")
        # the history is back, and the bot answers
        await expect(chat.bot_bubbles(welcome)).to_have_count(1, timeout=TIMEOUT_MS)
        await chat.screenshot("history-after-restart")
        await chat.send("/start")
        await expect(chat.bot_bubbles(welcome)).to_have_count(2, timeout=TIMEOUT_MS)
        assert chat.errors == []
    finally:
        stop_sandbox(process)
    assert "already processed" not in (sandbox_folder.directory / "second.log").read_text()
