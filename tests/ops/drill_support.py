"""The failover drill's pieces: its database, the residents and campaign, the processes, and a
tally of what the fake Bot API saw (read incrementally: the drill makes some 15,000 calls)."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import IO, Any

import aiohttp
import pytest
from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bot.keyboards.callbacks import MenuCb
from bot.sandbox.state import BotState
from bot.services.audience import Audience
from bot.services.campaigns import lifecycle as campaigns
from bot.services.campaigns.lifecycle import Draft
from bot.services.clock import SystemClock
from bot.services.users import current_privacy_version
from db.models import OutboxMessage, User
from db.models.delivery import OutboxStatus
from db.session import create_engine, create_session_factory

ADMIN_URL = os.environ.get("TEST_DATABASE_URL") or "postgresql://postgres@127.0.0.1:5432/test"
REDIS = ("127.0.0.1", 6379)
LANGUAGES = ["de", "en", "tr", "ar", "ru", "uk", "pl", "bg", "ro", "el"]
ANNOUNCEMENT = "<b>Stadtfest</b> am Samstag auf dem Burgplatz"
MAIN_MENU = MenuCb(to="ideas").pack()  # a button only the main menu has: /start's answer


def answers(host: str, port: int) -> bool:
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError:
        return False
    return True


def require_services() -> None:
    """The drill runs on the machine's PostgreSQL and Redis; CI (REQUIRE_*) fails without."""
    url = make_url(ADMIN_URL)
    for name, host, port, flag in (
        ("PostgreSQL", url.host or "127.0.0.1", url.port or 5432, "REQUIRE_POSTGRES"),
        ("Redis", *REDIS, "REQUIRE_REDIS"),
    ):
        if not answers(host, port):
            if os.environ.get(flag):
                pytest.fail(f"{flag} is set but no {name} answers on {host}:{port}")
            pytest.skip(f"the failover drill needs {name} on {host}:{port}")


@asynccontextmanager
async def drill_database(template: str | None) -> AsyncIterator[str]:
    """A database of the drill's own at the newest schema (a copy of the tests' template)."""
    from db import migrate

    admin = make_url(ADMIN_URL).set(drivername="postgresql+asyncpg")
    name = f"stadtstimme_drill_{uuid.uuid4().hex[:10]}"
    engine = create_async_engine(admin, isolation_level="AUTOCOMMIT")
    like = f' TEMPLATE "{template}"' if template else ""
    async with engine.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"{like}'))
    url = admin.set(database=name).render_as_string(hide_password=False)
    try:
        if not template:
            target = create_engine(url)
            await migrate.upgrade(target)
            await target.dispose()
        yield url
    finally:
        async with engine.connect() as connection:
            await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await engine.dispose()


async def seed_residents(database_url: str, ids: range) -> None:
    """Onboarded residents who have seen the current notice and want announcements."""
    engine = create_engine(database_url)
    async with create_session_factory(engine)() as session:
        session.add_all(
            User(
                telegram_id=i, telegram_language=LANGUAGES[i % 10], language=LANGUAGES[i % 10],
                onboarded=True, privacy_version=current_privacy_version(),
            )
            for i in ids
        )  # fmt: skip
        await session.commit()
    await engine.dispose()


class Database:
    """The drill's questions to the database, on one engine."""

    def __init__(self, url: str) -> None:
        self.engine = create_engine(url)
        self.sessions = create_session_factory(self.engine)

    async def announce(self) -> int:
        """An announcement to everyone, due now (the sender queues and sends it)."""
        draft = Draft(texts={"de": ANNOUNCEMENT}, audience=Audience())
        async with self.sessions() as session:
            return (await campaigns.create(session, SystemClock(), draft, created_by=0)).id

    async def progress(self, campaign_id: int) -> campaigns.Progress | None:
        async with self.sessions() as session:
            return await campaigns.progress(session, campaign_id)

    async def in_flight(self) -> int:
        """Messages a sender has claimed (being sent, or sent with the outcome unwritten)."""
        status = OutboxMessage.status == OutboxStatus.SENDING
        async with self.sessions() as session:
            return int(await session.scalar(select(func.count()).where(status)) or 0)


class Tally:
    """Answers per update, read from the fake's call log since the last look."""

    def __init__(self, state: BotState) -> None:
        self.state, self.seen = state, 0
        self.menus: Counter[int] = Counter()  # chat → /start answers
        self.queries: Counter[str] = Counter()  # callback query → answers
        self.announcements: Counter[int] = Counter()  # chat → copies of the announcement

    def update(self) -> Tally:
        calls = self.state.calls
        for call in calls[self.seen :]:
            if call.method == "answerCallbackQuery":
                self.queries[str(call.params.get("callback_query_id"))] += 1
            elif call.method == "sendMessage" and call.ok and call.chat_id is not None:
                if "Stadtfest" in str(call.params.get("text")):
                    self.announcements[int(call.chat_id)] += 1
                elif MAIN_MENU in str(call.params.get("reply_markup")):
                    self.menus[int(call.chat_id)] += 1
        self.seen = len(calls)
        return self

    @property
    def answered(self) -> int:
        return len(self.menus) + len(self.queries)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def spawn(log: IO[bytes], env: dict[str, str], *args: str) -> asyncio.subprocess.Process:
    """`stadtstimme <args>` with its output in a file (a full pipe would stall it)."""
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args, env={**os.environ, **env},
        stdout=log, stderr=asyncio.subprocess.STDOUT, cwd=Path(__file__).parents[2],
    )  # fmt: skip


async def ops(http: aiohttp.ClientSession, port: int, path: str) -> tuple[int, str]:
    """GET /readyz or /metrics of a process; (0, "") while it does not answer."""
    try:
        async with http.get(f"http://127.0.0.1:{port}{path}") as resp:
            return resp.status, await resp.text()
    except aiohttp.ClientError:
        return 0, ""


async def leads(http: aiohttp.ClientSession, port: int) -> bool:
    """Is this process the active sender (its stadtstimme_sender_leader gauge)?"""
    _, metrics = await ops(http, port, "/metrics")
    return "\nstadtstimme_sender_leader 1.0" in metrics


async def until(check: Callable[[], Any], seconds: float, what: str) -> float:
    """Poll `check` (sync or async) every 20 ms until true; the seconds it took."""
    started = time.monotonic()
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return time.monotonic() - started
        assert time.monotonic() - started < seconds, f"timed out after {seconds} s: {what}"
        await asyncio.sleep(0.02)
