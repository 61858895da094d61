"""The real webhook app refuses what is not a Telegram update, with the right secret too: 400 for
a body that is not an Update as JSON, 413 over 1 MB; nothing is processed or stored."""

from __future__ import annotations

import json

from aiohttp.test_utils import TestClient, TestServer

from bot.sandbox import updates
from bot.webhook import build_webhook_app
from tests.flow.harness import TOKEN, Harness
from tests.flow.test_webhook_secret import HEADER, SECRET, stored

ONE_MB = 1024 * 1024  # what the module docstring promises, not its constant
START = updates.start_update(updates.user(6201, "en"))
BAD = {
    "not JSON": b"{update_id: 62",
    "not UTF-8": b'{"update_id": 62, "x": "\xff"}',
    "a list": json.dumps([START | {"update_id": 62}]).encode(),
    "no update_id": json.dumps({k: v for k, v in START.items() if k != "update_id"}).encode(),
    "update_id as text": json.dumps(START | {"update_id": "62"}).encode(),
    "update_id as true": json.dumps(START | {"update_id": True}).encode(),
    "a message that is not one": json.dumps({"update_id": 62, "message": {"text": 1}}).encode(),
}


async def test_bodies_that_are_no_update_are_refused_and_change_nothing(harness: Harness) -> None:
    h = harness
    app = build_webhook_app(h.dispatcher, h.bot, SECRET, "/hook")
    headers = {HEADER: SECRET, "Content-Type": "application/json"}
    async with TestClient(TestServer(app)) as client:
        for case, body in BAD.items():
            response = await client.post("/hook", data=body, headers=headers)
            assert (response.status, await response.text()) == (
                400, "Bad Request: expected a Telegram Update as JSON"), case  # fmt: skip
        padded = START | {"update_id": 62, "padding": "x" * ONE_MB}
        response = await client.post("/hook", data=json.dumps(padded), headers=headers)
        assert response.status == 413
        assert h.api.sent_messages(6201, TOKEN) == []
        assert await stored(h, 6201, 62) == (0, 0)
        # Just under the limit is still an update.
        fits = START | {"update_id": 62}
        fits["padding"] = "x" * (ONE_MB - len(json.dumps(fits)) - 20)
        response = await client.post("/hook", data=json.dumps(fits), headers=headers)
        assert response.status == 200
    assert len(h.api.sent_messages(6201, TOKEN)) == 1
    assert await stored(h, 6201, 62) == (1, 1)
