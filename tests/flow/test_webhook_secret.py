"""The real webhook app: only the right X-Telegram-Bot-Api-Secret-Token gets an update processed."""

from __future__ import annotations

import asyncio
import json

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import func, select

from bot.sandbox import updates
from bot.webhook import build_webhook_app
from db.models import ProcessedUpdate, User
from tests.flow.harness import TOKEN, Harness

SECRET = "Right-Secret_0123456789abcdefghijklmnopqrstuv"
HEADER = "X-Telegram-Bot-Api-Secret-Token"
WRONG = {
    "missing": None,
    "empty": "",
    "wrong": "Wrong-Secret_0123456789abcdefghijklmnopqrstuv",
    "prefix": SECRET[:-1],
    "longer": SECRET + "x",
    "other case": SECRET.upper(),
    "non-ASCII": SECRET[:-1] + "ü",
}


async def stored(h: Harness, user_id: int, update_id: int) -> tuple[int, int]:
    """Rows for the resident and for the update id (both 0 when nothing was processed)."""
    async with h.runtime.session_factory() as session:
        users = await session.scalar(
            select(func.count()).select_from(User).where(User.telegram_id == user_id)
        )
        marks = await session.scalar(
            select(func.count())
            .select_from(ProcessedUpdate)
            .where(ProcessedUpdate.update_id == update_id)
        )
    return users or 0, marks or 0


async def test_only_the_right_secret_gets_an_update_processed(harness: Harness) -> None:
    h = harness
    update = updates.start_update(updates.user(6101, "en"))
    update["update_id"] = 61
    app = build_webhook_app(h.dispatcher, h.bot, SECRET, "/hook")
    async with TestClient(TestServer(app)) as client:
        for case, secret in WRONG.items():
            headers = {} if secret is None else {HEADER: secret}
            response = await client.post("/hook", json=update, headers=headers)
            assert response.status == 401, case
            assert h.api.sent_messages(6101, TOKEN) == [], case
            assert await stored(h, 6101, 61) == (0, 0), case
        response = await client.post("/hook", json=update, headers={HEADER: SECRET})
        assert response.status == 200
    assert len(h.api.sent_messages(6101, TOKEN)) == 1  # the welcome
    assert await stored(h, 6101, 61) == (1, 1)


@pytest.mark.parametrize("secret", ["", "short-secret", "x" * 31, "x" * 257, "a b" * 16])
async def test_no_webhook_app_without_a_strong_secret(harness: Harness, secret: str) -> None:
    # aiogram treats an empty secret as "no check"; the app must not exist that way.
    with pytest.raises(ValueError, match="webhook secret"):
        build_webhook_app(harness.dispatcher, harness.bot, secret, "/hook")


async def test_a_secret_that_is_not_utf8_is_refused_not_an_error(harness: Harness) -> None:
    # Raw bytes on the wire (a client library would refuse to send them): aiohttp passes them
    # on as surrogates; the comparison must still answer 401, not fail with a 500.
    h = harness
    update = updates.start_update(updates.user(6102, "en"))
    update["update_id"] = 62
    body = json.dumps(update).encode()
    app = build_webhook_app(h.dispatcher, h.bot, SECRET, "/hook")
    async with TestServer(app) as server:
        reader, writer = await asyncio.open_connection(server.host, server.port)
        writer.write(
            b"POST /hook HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + HEADER.encode() + b": " + SECRET[:-1].encode() + b"\xff\r\n"
            + b"Content-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n"
            + body
        )  # fmt: skip
        await writer.drain()
        status_line = await reader.readline()
        writer.close()
        await writer.wait_closed()
    assert status_line.startswith(b"HTTP/1.1 401"), status_line
    assert h.api.sent_messages(6102, TOKEN) == []
    assert await stored(h, 6102, 62) == (0, 0)
