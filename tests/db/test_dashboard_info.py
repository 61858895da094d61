"""Information pages on the dashboard: an editor previews and saves one language version,
checked and audited by the service `stadtstimme info set` uses; the chat shows it at once."""

from __future__ import annotations

from aiohttp.test_utils import TestClient
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.services import info
from db.models import InfoPage, StaffAudit
from tests.db import dashboard_support as support
from tests.db.dashboard_support import EDITOR, sign_in

factory, client = support.factory, support.client  # the fixtures, used by name
Factory = async_sessionmaker[AsyncSession]


async def pages(factory: Factory) -> list[tuple[str, str, str]]:
    async with factory() as session:
        rows = await session.execute(select(InfoPage.slug, InfoPage.language, InfoPage.body))
        return sorted(tuple(row) for row in rows.all())  # type: ignore[misc]


async def test_an_editor_previews_and_saves_a_page_the_chat_then_shows(
    client: TestClient,
    factory: Factory,  # type: ignore[type-arg]
) -> None:
    before = await pages(factory)
    csrf = await sign_in(client, factory, EDITOR)
    opened = await client.get("/info?slug=opening-hours", allow_redirects=False)
    assert opened.headers["Location"] == "/info/opening-hours?language=de"
    body = 'Mo–Fr <b>8–16 Uhr</b>\n<a href="https://www.duisburg.de">duisburg.de</a>'
    fields = {"csrf": csrf, "language": "de", "title": "Öffnungszeiten", "body": body}
    preview = await client.post("/info/opening-hours", data={**fields, "step": "preview"})
    shown = await preview.text()
    assert preview.status == 200 and await pages(factory) == before  # a preview stores nothing
    assert (
        '<div class="bubble" lang="de" dir="auto"><b>Öffnungszeiten</b>\n\nMo–Fr <b>8–16 Uhr</b>\n'
        '<a href="https://www.duisburg.de" rel="noopener noreferrer" target="_blank">'
        "duisburg.de</a>"
    ) in shown
    saved = await client.post("/info/opening-hours", data={**fields, "step": "save"},
                              allow_redirects=False)  # fmt: skip
    assert saved.headers["Location"] == "/info/opening-hours?language=de&saved=1"
    async with factory() as session:
        page = await info.get_page(session, "opening-hours", "en")  # an English reader
        assert page is not None and page.fallback and page.title == "Öffnungszeiten"
        audit = (await session.execute(select(StaffAudit.actor, StaffAudit.target)
                 .where(StaffAudit.action == "info.edit"))).all()  # fmt: skip
        assert [tuple(row) for row in audit] == [(EDITOR, "info:opening-hours:de")]
    listing = await (await client.get("/info")).text()
    assert 'href="/info/opening-hours?language=de"' in listing and "Öffnungszeiten" in listing


async def test_html_telegram_cannot_show_is_refused_with_the_reason(
    client: TestClient,
    factory: Factory,  # type: ignore[type-arg]
) -> None:
    before = await pages(factory)
    csrf = await sign_in(client, factory, EDITOR)
    refused = (
        ("contact", '<div onclick="x()">Hi</div>', "tag &lt;div&gt; is not allowed"),
        ("privacy", "Hallo", "the privacy page is generated from the code"),
    )
    for slug, body, reason in refused:
        response = await client.post(
            f"/info/{slug}?lang=en",
            data={"csrf": csrf, "language": "de", "title": "T", "body": body, "step": "save"},
        )
        text = await response.text()
        assert response.status == 400 and "This version can&#39;t be saved" in text
        assert reason in text
        assert body.replace('"', "&#34;").replace("<", "&lt;").replace(">", "&gt;") in text
    assert await pages(factory) == before
    unknown = await client.post("/info/contact", data={"csrf": csrf, "language": "xx",
                                                       "step": "save"})  # fmt: skip
    assert unknown.status == 400
