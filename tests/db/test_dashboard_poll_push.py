""" "Push results" on a closed poll's page: the closing's results message, in each voter's
language with the public page's link, queued once; a second press says it was already sent."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

import pytest
from aiohttp.test_utils import TestClient, TestServer
from sqlalchemy import select

from bot.config import Settings
from bot.dashboard.serve import dashboard_app
from bot.i18n import build_i18n
from bot.services.polls.votes import RESULTS_PREFIX
from bot.services.staff import StaffService
from db.models import OutboxMessage, Poll
from tests.db import dashboard_support as support
from tests.db.dashboard_support import EDITOR, NOW, sign_in
from tests.db.support import FixedClock
from tests.db.test_dashboard_pages import Factory, audited, poll_with_votes

factory = support.factory  # the fixture, used by name
URL = "http://beteiligung.duisburg.example"  # http: the test client keeps no Secure cookie


@pytest.fixture
async def client(factory: Factory, database_url: str) -> AsyncIterator[TestClient]:  # type: ignore[type-arg]
    """The dashboard with a public address, so results messages link the public page."""
    settings = Settings(  # type: ignore[call-arg]
        database_url=database_url, admin_ids=[support.ADMIN], dashboard_url=URL
    )
    async with factory() as session:
        await StaffService(session, [support.ADMIN], FixedClock(NOW)).set_role(
            EDITOR, "editor", actor=support.ADMIN
        )
    app = dashboard_app(settings, FixedClock(NOW), factory, build_i18n("de"))
    async with TestClient(TestServer(app)) as test_client:
        yield test_client


async def results_queued(factory: Factory) -> dict[int, str]:
    async with factory() as session:
        rows = (await session.execute(select(OutboxMessage))).scalars().all()
    return {
        row.chat_id: json.loads(row.payload or "{}")["text"]
        for row in rows
        if (row.dedupe_key or "").startswith(RESULTS_PREFIX)
    }


async def test_results_pushed_after_closing_reach_each_voter_once_in_their_language(
    client: TestClient,  # type: ignore[type-arg]
    factory: Factory,
    database_url: str,
) -> None:
    poll_id = await poll_with_votes(factory, database_url)
    csrf = await sign_in(client, factory, EDITOR)
    running = await client.post(f"/polls/{poll_id}/push?lang=en", data={"csrf": csrf})
    assert running.status == 400 and "could not be sent (not_closed)" in await running.text()
    await client.post(f"/polls/{poll_id}/close", data={"csrf": csrf})  # without pushing
    await client.post(f"/polls/{poll_id}/public", data={"csrf": csrf, "public": "yes"})
    assert await results_queued(factory) == {}
    page = await (await client.get(f"/polls/{poll_id}?lang=en")).text()
    assert "Send the results to everyone who took part" in page

    done = await client.post(f"/polls/{poll_id}/push", data={"csrf": csrf}, allow_redirects=False)
    assert done.status == 303
    shown = await (await client.get(done.headers["Location"] + "&lang=en")).text()
    assert "The results are queued for everyone who took part." in shown
    assert "Sent to the voters: " in shown and f'action="/polls/{poll_id}/push"' not in shown
    texts = await results_queued(factory)
    assert len(texts) == 10  # 7 German and 3 Turkish voters
    link = f"{URL}/public/polls/{poll_id}"
    german, turkish = texts[700], texts[709]
    assert german.startswith("📊 Ergebnis: <b>") and f"{link}?lang=de" in german
    assert turkish.startswith("📊 Sonuçlar: <b>") and f"{link}?lang=tr" in turkish
    assert await audited(factory, "poll.push_results") == [(EDITOR, None)]

    again = await client.post(f"/polls/{poll_id}/push?lang=en", data={"csrf": csrf})
    assert again.status == 400
    assert "The results were already sent to the voters" in await again.text()
    assert await results_queued(factory) == texts
    assert len(await audited(factory, "poll.push_results")) == 1


async def test_a_poll_closed_with_its_results_pushed_is_not_pushed_again(
    client: TestClient,  # type: ignore[type-arg]
    factory: Factory,
    database_url: str,
) -> None:
    poll_id = await poll_with_votes(factory, database_url)
    csrf = await sign_in(client, factory, EDITOR)
    await client.post(f"/polls/{poll_id}/close", data={"csrf": csrf, "push": "yes"})
    async with factory() as session:
        poll = await session.get(Poll, poll_id)
        assert poll is not None and poll.results_pushed_at == NOW
    again = await client.post(f"/polls/{poll_id}/push?lang=en", data={"csrf": csrf})
    assert again.status == 400 and "already sent to the voters" in await again.text()
    assert await audited(factory, "poll.push_results") == []
