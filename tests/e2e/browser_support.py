"""Browser tests: the real sandbox process, Debian's chromium via Playwright, a page object."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot.i18n import build_i18n
from tests.e2e.test_run_process import free_port

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
TIMEOUT_MS = 30_000
READY = "Stadtstimme sandbox: open http://"


def browser_or_skip() -> str:
    """Chromium's path; skip with the reason when it or Playwright is missing (fail in CI)."""
    missing = None
    try:
        import playwright.async_api  # noqa: F401
    except ImportError:
        missing = "Playwright is not installed (pip install -e '.[test]')"
    if missing is None and not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        missing = f"no chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)"
    if missing and os.environ.get("REQUIRE_BROWSER"):
        pytest.fail(f"REQUIRE_BROWSER is set but {missing}")
    if missing:
        pytest.skip(missing)
    return CHROMIUM


@dataclass
class SandboxProcess:
    """`stadtstimme run` without a token, in its own directory and port."""

    base: str
    directory: Path
    log: Path


def run_sandbox_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    """One sandbox for all browser tests (each test uses its own residents)."""
    browser_or_skip()
    sandbox = SandboxProcess("", tmp_path_factory.mktemp("sandbox"), Path())
    process = launch_sandbox(sandbox, free_port())
    try:
        yield sandbox
    finally:
        stop_sandbox(process)


def launch_sandbox(
    sandbox: SandboxProcess, port: int, log: str = "sandbox.log"
) -> subprocess.Popen[bytes]:
    """Start `stadtstimme run` in sandbox.directory; wait until it serves (fills base and log)."""
    unset = {"BOT_TOKEN", "DATABASE_URL", "STAFF_CHAT_ID", "ADMIN_IDS", "REDIS_URL"}
    env = {k: v for k, v in os.environ.items() if k not in unset}
    sandbox.log = sandbox.directory / log
    with sandbox.log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "run"],
            # Playwright presses buttons within milliseconds, far faster than a person; the
            # flood guard (5 at once, then 2 a second) would rightly slow it down.
            env={**env, "SANDBOX_PORT": str(port), "THROTTLE_BURST": "50",
                 "DASHBOARD_PORT": str(free_port())},
            cwd=sandbox.directory, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    sandbox.base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_serving(sandbox.base, process, sandbox.log)
    except BaseException:
        stop_sandbox(process)
        raise
    return process


def stop_sandbox(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, as a service manager stops it; killed if it does not end in 20 s."""
    process.terminate()
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()


def _wait_until_serving(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    """Until the page is served and the bot has started and seeded the demo data."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError("sandbox exited:\n" + log.read_text())
        # run_sandbox prints this after seeding; the web server is up earlier than the bot
        if READY in log.read_text():
            try:
                with urllib.request.urlopen(base + "/sandbox/chats", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
        time.sleep(0.2)
    raise AssertionError("sandbox did not start:\n" + log.read_text())


class Catalog:
    """The bot's own texts, so a test never hard-codes a translation."""

    def __init__(self) -> None:
        self.i18n = build_i18n("de")

    def __call__(self, msgid: str, language: str, **values: Any) -> str:
        """The message as the bot shows it: translated, formatted, without HTML tags."""
        text = self.i18n.gettext(msgid, locale=language)
        return re.sub(r"<[^>]+>", "", text.format(**values) if values else text)

    def plural(self, msgids: tuple[str, str], n: int, language: str, **values: Any) -> str:
        """A counted message in the form the language uses for n."""
        text = self.i18n.gettext(*msgids, n=n, locale=language)
        return re.sub(r"<[^>]+>", "", text.format(**values))


class ChatPage:
    """The web chat as a person uses it; every step waits for what it expects."""

    def __init__(self, page: Any, shots: Path) -> None:
        self.page = page
        self.shots = shots
        self.count = 0
        self.errors: list[str] = []  # JavaScript errors on the page
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    async def screenshot(self, name: str) -> Path:
        """Save a numbered screenshot of the whole window."""
        self.count += 1
        path = self.shots / f"{self.count:02d}-{name}.png"
        await self.page.screenshot(path=str(path))
        return path

    async def add_resident(self, name: str, language_code: str) -> None:
        """Create a resident from the chat list and open their chat."""
        await self.page.fill("#name", name)
        await self.page.select_option("#language", language_code)
        await self.page.click("#new-resident button[type=submit]")
        await self.expect_title(name)

    async def open_chat(self, title: str) -> None:
        """Open a chat from the list."""
        await self.page.locator("#chat-list button", has_text=title).click()
        await self.expect_title(title)

    async def expect_title(self, title: str) -> None:
        """Wait until the chat is open and its history drawn (the title comes first)."""
        from playwright.async_api import expect

        await expect(self.page.locator("#chat-title")).to_have_text(title, timeout=TIMEOUT_MS)
        messages = self.page.locator("#messages")
        await expect(messages).to_have_attribute("aria-busy", "false", timeout=TIMEOUT_MS)

    def bot_bubbles(self, containing: str | None = None) -> Any:
        """The bot's messages in the open chat (those containing a text)."""
        return self.page.locator("#messages li.bubble.bot", has_text=containing)

    async def expect_bot(self, text: str) -> Any:
        """Wait until the bot's newest message contains the text; return that bubble."""
        from playwright.async_api import expect

        bubble = self.bot_bubbles().last
        await expect(bubble).to_contain_text(text, timeout=TIMEOUT_MS)
        return bubble

    async def send(self, text: str) -> None:
        """Type and send a message."""
        await self.page.fill("#text", text)
        await self.page.press("#text", "Enter")

    async def press(self, label: str, in_message: str | None = None) -> None:
        """Press an inline button in the bot's newest message (containing `in_message`)."""
        bubble = self.bot_bubbles(in_message).last
        await bubble.locator(".keyboard button", has_text=label).first.click()

    async def send_photo(self, path: Path) -> None:
        """Send a photo from disk, as the 📎 button would."""
        await self.page.set_input_files("#photo-input", str(path))


async def open_page(browser: Any, base: str, tmp_path: Path, **size: int) -> ChatPage:
    """A fresh page on the sandbox (desktop size unless width/height are given)."""
    page = await browser.new_page(viewport=size or {"width": 1280, "height": 860})
    page.set_default_timeout(TIMEOUT_MS)
    shots = tmp_path / "screenshots"
    shots.mkdir(exist_ok=True)
    chat = ChatPage(page, shots)
    await page.goto(base)
    return chat
