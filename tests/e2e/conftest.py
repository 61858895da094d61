"""Fixtures for the browser tests: one sandbox process per session, a system chromium."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from tests.e2e.browser_support import SandboxProcess, browser_or_skip, run_sandbox_process


@pytest.fixture(scope="session")
def sandbox_process(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    """`stadtstimme run` without a token, started once for every browser test."""
    yield from run_sandbox_process(tmp_path_factory)


@pytest.fixture
async def browser() -> AsyncIterator[Any]:
    """Chromium from the system (Playwright cannot download browsers here)."""
    path = browser_or_skip()
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        instance = await playwright.chromium.launch(executable_path=path)
        yield instance
        await instance.close()
