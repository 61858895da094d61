"""`stadtstimme run` serves the staff dashboard in the bot's own process (DASHBOARD_ENABLED),
and stops cleanly on SIGTERM; switched off, a separate `stadtstimme dashboard` serves it."""

from __future__ import annotations

import asyncio

import aiohttp

from bot.config import Settings
from bot.sandbox.server import FakeBotAPI
from tests.e2e.test_run_process import (
    POLL_SECRET,
    TOKEN,
    api,
    free_port,
    start_process,
    wait_for,
)

__all__ = ["api"]  # the fixture, used by name


async def login_page(port: int) -> tuple[int, str, str]:
    """Status, text and Content-Security-Policy of /login; (0, "", "") while nothing listens."""
    try:
        async with (
            aiohttp.ClientSession() as session,
            session.get(f"http://127.0.0.1:{port}/login?lang=en") as response,
        ):
            return (
                response.status,
                await response.text(),
                response.headers.get("Content-Security-Policy", ""),
            )
    except aiohttp.ClientConnectionError:
        return 0, "", ""


async def test_the_bot_process_serves_the_dashboard_and_stops_on_sigterm(
    api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    server, base_url = api
    port = free_port()
    env = {
        "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET, "TELEGRAM_API_URL": base_url,
        "DATABASE_URL": database_url, "DASHBOARD_ENABLED": "true",
        "DASHBOARD_PORT": str(port), "DIGEST_TIME": "off",
    }  # fmt: skip
    process = await start_process(env)
    try:
        # Start-up publishes the menus first; the dashboard comes up with the bot's work.
        await wait_for(lambda: len(server.calls("setMyShortDescription", token=TOKEN)) == 11, 90)
        answer = await login_page(port)
        for _attempt in range(300):  # up to ~30 s more
            if answer[0] or process.returncode is not None:
                break
            await asyncio.sleep(0.1)
            answer = await login_page(port)
        status, text, policy = answer
        assert status == 200 and "/dashboard" in text, text[:300]
        assert "frame-ancestors 'none'" in policy
    finally:
        process.terminate()
        output, _ = await process.communicate()
    assert process.returncode == 0, output.decode()[-2000:]
    assert f"dashboard on http://127.0.0.1:{port}" in output.decode()
    assert await login_page(port) == (0, "", "")  # and it is gone with the process


def test_dashboard_enabled_auto_follows_dashboard_url_and_false_switches_it_off() -> None:
    def serves(**values: str) -> bool:
        return Settings(_env_file=None, **values).serves_dashboard  # type: ignore[call-arg]

    assert not serves()  # no public address: nothing to link to, not served
    assert serves(dashboard_url="https://stadtstimme.example")
    assert not serves(dashboard_url="https://stadtstimme.example", dashboard_enabled="false")
    assert serves(dashboard_enabled="true")
    assert not serves(dashboard_url="https://stadtstimme.example", dashboard_enabled="0")
    assert serves(dashboard_url="https://stadtstimme.example", dashboard_enabled="auto")
