"""Fakes of LibreTranslate and DeepL that follow their documented APIs, as aiohttp servers the
tests start on 127.0.0.1 (no real provider is reachable here).

Each records the requests it got and "translates" by marking the text with the target language
(`[de] …`), so a test sees which text went where. `fail_next` queues error answers.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

LIBRE_LANGUAGES = ("de", "en", "tr", "ar", "ru", "uk", "pl", "bg", "ro", "el")


@dataclass
class Failure:
    """One error answer: status, body, headers (e.g. Retry-After)."""

    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class FakeProvider:
    """What the fake got and what it will answer next."""

    url: str = ""
    requests: list[dict[str, Any]] = field(default_factory=list)
    headers: list[dict[str, str]] = field(default_factory=list)
    fail_next: list[Failure] = field(default_factory=list)
    languages: tuple[str, ...] = LIBRE_LANGUAGES
    api_key: str | None = None  # LibreTranslate: a key the server requires
    delay: float = 0.0  # seconds each translation takes
    # Texts the server always refuses (LibreTranslate: 400 {"error": …}, as for a text its
    # model can't handle); other texts still go through.
    refused: set[str] = field(default_factory=set)
    arrived: asyncio.Event = field(default_factory=asyncio.Event)  # a translation was asked

    def failure(self) -> web.Response | None:
        if not self.fail_next:
            return None
        failure = self.fail_next.pop(0)
        return web.json_response(failure.body, status=failure.status, headers=failure.headers)


def marked(text: str, target: str) -> str:
    """The fake's "translation"."""
    return f"[{target}] {text}"


def libretranslate_app(fake: FakeProvider) -> web.Application:
    async def languages(request: web.Request) -> web.Response:
        fake.requests.append({"path": "/languages"})
        entries = [
            {"code": code, "name": code, "targets": [t for t in fake.languages if t != code]}
            for code in fake.languages
        ]
        return web.json_response(entries)

    async def translate(request: web.Request) -> web.Response:
        body = await request.json()
        fake.requests.append({"path": "/translate", **body})
        fake.arrived.set()
        await asyncio.sleep(fake.delay)
        fake.headers.append(dict(request.headers))
        if (failed := fake.failure()) is not None:
            return failed
        if fake.api_key is not None and body.get("api_key") != fake.api_key:
            return web.json_response({"error": "Invalid API key"}, status=403)
        missing = [name for name in ("q", "source", "target") if name not in body]
        if missing or body["source"] not in fake.languages:
            return web.json_response({"error": f"Invalid request: {missing}"}, status=400)
        if body["q"] in fake.refused:
            return web.json_response({"error": "Cannot translate text"}, status=400)
        return web.json_response({"translatedText": marked(body["q"], body["target"])})

    app = web.Application()
    app.router.add_get("/languages", languages)
    app.router.add_post("/translate", translate)
    return app


def deepl_app(fake: FakeProvider, key: str) -> web.Application:
    async def translate(request: web.Request) -> web.Response:
        body = await request.json()
        fake.requests.append({"path": request.path, **body})
        fake.headers.append(dict(request.headers))
        if request.headers.get("Authorization") != f"DeepL-Auth-Key {key}":
            return web.json_response({"message": "Wrong endpoint or key"}, status=403)
        if (failed := fake.failure()) is not None:
            return failed
        if not isinstance(body.get("text"), list) or "target_lang" not in body:
            return web.json_response({"message": "Parameter 'text' not specified."}, status=400)
        if body["target_lang"] == "EN":
            return web.json_response({"message": "targetLang='en' is deprecated"}, status=400)
        target = body["target_lang"]
        translations = [
            {"detected_source_language": body.get("source_lang", "EN"), "text": marked(t, target)}
            for t in body["text"]
        ]
        return web.json_response({"translations": translations})

    app = web.Application()
    app.router.add_post("/v2/translate", translate)
    return app


@asynccontextmanager
async def serving(app: web.Application, fake: FakeProvider) -> AsyncIterator[FakeProvider]:
    """Run the app on a free local port while the block runs; fake.url is its address."""
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    fake.url = f"http://127.0.0.1:{port}"
    try:
        yield fake
    finally:
        await runner.cleanup()
