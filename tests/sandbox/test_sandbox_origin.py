"""The sandbox answers only its own page and the bot beside it: other sites get 403.

The app is the one `stadtstimme run` serves (fake Bot API + web chat), in process.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from aiogram import Bot
from aiohttp.test_utils import TestClient, TestServer

from bot.sandbox.run import SANDBOX_TOKEN, sandbox_app
from bot.sandbox.server import FakeBotAPI
from bot.sandbox.webchat_directory import Directory
from tests.e2e.test_run_process import free_port
from tests.sandbox.fakeapi_support import make_bot

EVIL = "http://evil.example"


@dataclass
class Served:
    api: FakeBotAPI
    directory: Directory
    client: TestClient[object, object]
    port: int

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
async def served() -> AsyncIterator[Served]:
    port = free_port()
    api, directory = FakeBotAPI(), Directory()
    server = TestServer(sandbox_app(api, directory, "127.0.0.1", port), host="127.0.0.1", port=port)
    async with TestClient(server) as client:
        yield Served(api, directory, client, port)


async def test_a_cross_site_plain_text_post_is_refused_and_changes_nothing(served: Served) -> None:
    resident = served.directory.add_resident("Ayşe", "tr")
    # What a form or fetch() on another site can send without a CORS preflight.
    forged = {"Origin": EVIL, "Content-Type": "text/plain"}
    attempts = [
        ("/sandbox/residents", '{"name": "Mallory", "language_code": "de"}'),
        (f"/sandbox/chats/{resident.id}/send", '{"text": "/delete"}'),
        (f"/bot{SANDBOX_TOKEN}/sendMessage", f'{{"chat_id": {resident.id}, "text": "hi"}}'),
    ]
    for path, body in attempts:
        response = await served.client.post(path, data=body, headers=forged)
        assert response.status == 403, path
        assert "only answers its own page" in await response.text()
    assert list(served.directory.residents) == [resident.id]
    state = served.api.state(SANDBOX_TOKEN)
    assert state.pending == [] and state.messages == {}


async def test_a_cross_site_get_cannot_drive_the_fake_bot_api(served: Served) -> None:
    resident = served.directory.add_resident("Ayşe", "tr")
    bot_api = f"/bot{SANDBOX_TOKEN}"
    # An <img> or a link on another site: no Origin, the sandbox's own Host, a query string.
    for path, headers in (
        (f"{bot_api}/sendMessage?chat_id={resident.id}&text=hi", {"Sec-Fetch-Site": "cross-site"}),
        (f"{bot_api}/setWebhook?url=https://evil.example/x", {"Sec-Fetch-Site": "cross-site"}),
        (f"{bot_api}/setWebhook?url=https://evil.example/x", {}),  # a browser without the header
        ("/sandbox/residents", {"Sec-Fetch-Site": "same-site"}),
    ):
        response = await served.client.get(path, headers=headers)
        assert response.status == 403, path
    state = served.api.state(SANDBOX_TOKEN)
    assert state.messages == {} and state.webhook.url == ""
    own_fetch = await served.client.get(
        "/sandbox/residents", headers={"Sec-Fetch-Site": "same-origin"}
    )
    assert own_fetch.status == 200


async def test_a_foreign_host_name_is_refused(served: Served) -> None:
    # DNS rebinding: evil.example now resolves to 127.0.0.1, the page reads its own origin.
    for method, path in (
        ("GET", "/"),
        ("GET", "/sandbox/residents"),
        ("POST", "/sandbox/residents"),
    ):
        response = await served.client.request(
            method, path, json={"name": "Mallory"}, headers={"Host": "evil.example"}
        )
        assert response.status == 403, (method, path)
    response = await served.client.get(
        "/sandbox/chats", headers={"Host": f"evil.example:{served.port}"}
    )
    assert response.status == 403
    assert served.directory.residents == {}


async def test_the_own_page_and_the_bots_calls_still_work(served: Served) -> None:
    page = await served.client.get("/", headers={"Host": f"localhost:{served.port}"})
    assert page.status == 200 and "Stadtstimme" in await page.text()
    own = {"Origin": served.base}
    created = await served.client.post(
        "/sandbox/residents", json={"name": "Ayşe", "language_code": "tr"}, headers=own
    )
    assert created.status == 200
    ayse = (await created.json())["id"]
    sent = await served.client.post(
        f"/sandbox/chats/{ayse}/send", json={"text": "/start"}, headers=own
    )
    assert sent.status == 200
    [update] = served.api.state(SANDBOX_TOKEN).pending
    assert update["message"]["text"] == "/start"
    bot: Bot = make_bot(
        served.base, SANDBOX_TOKEN
    )  # no Origin, Host 127.0.0.1:<port>: like the bot process
    try:
        assert (await bot.get_me()).is_bot
        await bot.send_message(ayse, "Hoş geldiniz")
    finally:
        await bot.session.close()
    assert [m.data["text"] for m in served.api.state(SANDBOX_TOKEN).messages[ayse].values()][
        -1
    ] == ("Hoş geldiniz")
