"""An idea's photos for staff: asked from Telegram (getFile, then the file's download URL) and
passed through to the browser chunk by chunk, never written to disk or to the database.

Telegram keeps the photos; the idea stores only their file_ids. The token is in the download
URL, so that URL never reaches the browser and a failure says nothing about it.
"""

from __future__ import annotations

import mimetypes
from typing import Any

from aiohttp import ClientError, ClientSession, ClientTimeout, web
from sqlalchemy import select

from bot.dashboard.security import DB, HEADERS, dashboard_of
from bot.services.ideas.lifecycle import photos_of
from db.models import Idea

CHUNK = 64 * 1024
TIMEOUT = ClientTimeout(total=30)
# Staff pages are personal data: no shared cache may keep a photo, nor the browser's disk.
PHOTO_HEADERS = {**HEADERS, "Cache-Control": "private, no-store"}


async def _file_id(request: web.Request) -> str:
    reference = request.match_info["reference"]
    idea = await request[DB].scalar(select(Idea).where(Idea.reference == reference))
    number = int(request.match_info["number"])
    ids = photos_of(idea) if idea is not None else []
    if not 0 <= number < len(ids):
        raise web.HTTPNotFound(text="404: no such photo")
    return str(ids[number])


def _image_type(file_path: str) -> str:
    """Telegram keeps photos as JPEG; another image type is taken from the file's name."""
    guessed = mimetypes.guess_type(file_path)[0] or ""
    return guessed if guessed.startswith("image/") else "image/jpeg"


async def photo(request: web.Request) -> web.StreamResponse:
    """GET /ideas/<reference>/photo/<n>: the idea's n-th photo (from 0), straight from Telegram."""
    dashboard = dashboard_of(request)
    file_id = await _file_id(request)
    if dashboard.bot_token is None:
        raise web.HTTPServiceUnavailable(text="503: no BOT_TOKEN, so no photos from Telegram")
    base = dashboard.settings.telegram_api_url.rstrip("/")
    try:
        async with ClientSession(timeout=TIMEOUT) as http:
            # POSTed as JSON, as the bot calls the Bot API (the sandbox's fake takes POST only).
            async with http.post(
                f"{base}/bot{dashboard.bot_token}/getFile", json={"file_id": file_id}
            ) as answer:
                found: dict[str, Any] = await answer.json(content_type=None)
            path = found.get("result", {}).get("file_path") if found.get("ok") else None
            if not isinstance(path, str):
                raise web.HTTPBadGateway(text="502: Telegram did not hand out this photo")
            async with http.get(f"{base}/file/bot{dashboard.bot_token}/{path}") as upstream:
                if upstream.status != 200:
                    raise web.HTTPBadGateway(text="502: Telegram did not hand out this photo")
                response = web.StreamResponse(
                    headers={**PHOTO_HEADERS, "Content-Type": _image_type(path)}
                )
                if upstream.content_length is not None:
                    response.content_length = upstream.content_length
                await response.prepare(request)
                async for chunk in upstream.content.iter_chunked(CHUNK):
                    await response.write(chunk)
                await response.write_eof()
                return response
    except (ClientError, TimeoutError, ValueError):
        # The URL holds the token: the error's text is not passed on.
        raise web.HTTPBadGateway(text="502: Telegram could not be reached") from None
