"""Decode a Bot API HTTP request (query, JSON, urlencoded or multipart) into raw parameters."""

from __future__ import annotations

import json
from typing import Any

from aiohttp import BodyPartReader, web

from .errors import bad_request
from .validate import Upload


async def decode_request(request: web.Request) -> tuple[dict[str, Any], dict[str, Upload]]:
    """Raw parameters (str for form values, JSON types for JSON) and uploaded files by part name."""
    raw: dict[str, Any] = {}
    uploads: dict[str, Upload] = {}
    for key, value in request.query.items():
        raw.setdefault(key, value)
    if request.method != "POST" or not request.can_read_body:
        return raw, uploads
    ctype = request.content_type
    if ctype == "application/json":
        try:
            body = json.loads(await request.text() or "{}")
        except ValueError:
            raise bad_request("can't parse JSON encoded request body") from None
        if not isinstance(body, dict):
            raise bad_request("JSON request body must be an object")
        raw.update(body)
    elif ctype == "multipart/form-data":
        reader = await request.multipart()
        async for part in reader:
            if not isinstance(part, BodyPartReader) or not part.name:
                continue
            data = await part.read(decode=True)
            if part.filename:
                ctype_part = part.headers.get("Content-Type", "application/octet-stream")
                uploads[part.name] = Upload(part.filename, ctype_part, bytes(data))
            else:
                raw[part.name] = bytes(data).decode("utf-8")
    else:
        for name, field in (await request.post()).items():
            raw[name] = field if isinstance(field, str) else str(field)
    return raw, uploads
