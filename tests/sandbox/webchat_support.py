"""A fake Bot API with the web chat mounted, a bot talking to it, and an HTTP client."""

from __future__ import annotations

import struct
import zlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from aiogram import Bot

from bot.sandbox import FakeBotAPI
from bot.sandbox.webchat import WebChat
from bot.sandbox.webchat_directory import Directory, GroupChat
from tests.loaded_once import api_spec
from tests.sandbox.fakeapi_support import TOKEN, make_bot

GROUP = -1001555000111


@dataclass
class Sandbox:
    """The pieces a web chat test talks to."""

    api: FakeBotAPI
    bot: Bot
    http: aiohttp.ClientSession
    base: str
    directory: Directory

    def pending(self) -> list[dict[str, Any]]:
        """Updates queued for the bot, oldest first."""
        return list(self.api.state(TOKEN).pending)

    async def post(self, path: str, body: dict[str, Any]) -> tuple[int, Any]:
        """POST JSON; (status, JSON body or text)."""
        async with self.http.post(self.base + path, json=body) as response:
            if response.content_type == "application/json":
                return response.status, await response.json()
            return response.status, await response.text()

    async def get(self, path: str) -> Any:
        """GET JSON."""
        async with self.http.get(self.base + path) as response:
            assert response.status == 200, await response.text()
            return await response.json()

    async def resident(self, name: str = "Ayşe", language: str = "tr") -> int:
        """Create a resident and return the id (= their private chat id)."""
        status, body = await self.post(
            "/sandbox/residents", {"name": name, "language_code": language}
        )
        assert status == 200
        return int(body["id"])

    async def history(self, chat_id: int) -> list[dict[str, Any]]:
        """The chat as the page loads it."""
        return list((await self.get(f"/sandbox/chats/{chat_id}"))["messages"])


async def start_sandbox(tmp_path: Path) -> AsyncIterator[Sandbox]:
    """A started fake with the web chat, a group "Jugendtreff", a bot and a client."""
    api = FakeBotAPI(spec=api_spec())
    directory = Directory(tmp_path / "residents.jsonl")
    directory.add_group(GroupChat(GROUP, "Jugendtreff", "group"))
    WebChat(api, TOKEN, directory).add_routes(api.app)
    base = await api.start()
    bot = make_bot(base)
    async with aiohttp.ClientSession() as http:
        yield Sandbox(api, bot, http, base, directory)
    await bot.session.close()
    await api.stop()


def png(width: int, height: int) -> bytes:
    """A real, tiny PNG image."""
    raw = b"".join(b"\x00" + b"\x30\x80\xc0" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
