"""An announcement with a photo from the dashboard: the upload goes to Telegram (the strict fake)
through the editor's own chat, the campaign keeps its file_id and the texts become captions
(at most 1024 UTF-16 units: a longer one is refused at its field, as /announce refuses it)."""

from __future__ import annotations

import re

from aiohttp import FormData
from aiohttp.test_utils import TestClient, TestServer

from bot.dashboard.serve import dashboard_app
from bot.sandbox.server import FakeBotAPI
from bot.services.meetings.poster import qr_png
from tests.db.dashboard_support import sign_in
from tests.flow.announce_support import EDITOR_ID, editor, resident, stored_campaigns
from tests.flow.conftest import checked


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found is not None, name
    return found.group(1)


def with_photo(fields: dict[str, str], picture: bytes | None) -> FormData:
    data = FormData()
    for name, value in fields.items():
        data.add_field(name, value)
    if picture is not None:
        data.add_field("photo_file", picture, filename="spielplatz.png", content_type="image/png")
    return data


async def test_a_photo_uploaded_on_the_dashboard_goes_out_with_its_captions(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    async with checked(*fake_api, database_url) as h:
        staff_chat = await editor(h)
        await resident(h, 701, "de")
        runtime = h.runtime
        app = dashboard_app(
            runtime.settings, runtime.clock, runtime.session_factory, runtime.i18n, bot=h.bot
        )
        async with TestClient(TestServer(app)) as client:
            csrf = await sign_in(client, runtime.session_factory, EDITOR_ID, runtime.clock)
            form = await (await client.get("/announcements/new?lang=en")).text()
            fields = {"csrf": csrf, "nonce": hidden(form, "nonce"), "previewed": "",
                      "text_de": "x" * 1025, "step": "preview"}  # fmt: skip
            too_long = await client.post(
                "/announcements/new?lang=en", data=with_photo(fields, qr_png("https://t.me/x"))
            )
            page = await too_long.text()
            assert too_long.status == 400
            assert "The caption is 1 character too long: it has 1025" in page
            photo = hidden(page, "photo")  # kept: the editor need not choose it again
            [upload] = [m for m in staff_chat.messages() if m.get("photo")]
            assert upload["photo"][-1]["file_id"] == photo
            assert upload["caption"] == "The photo for your announcement on the dashboard."

            fields |= {"text_de": "Neue Spielplätze in Walsum", "photo": photo}
            preview = await client.post("/announcements/new?lang=en", data=fields)
            shown = await preview.text()
            assert preview.status == 200 and "photo with this caption" in shown
            fields |= {"step": "send", "previewed": hidden(shown, "previewed")}
            sent = await client.post("/announcements/new", data=fields, allow_redirects=False)
            assert sent.status == 303
    [campaign] = await stored_campaigns(h)
    assert campaign.photo == photo and campaign.created_by == EDITOR_ID
