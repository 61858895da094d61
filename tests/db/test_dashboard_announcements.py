"""Announcements on the dashboard: an editor counts, previews and sends or schedules one through
the chat's services (the same rules, audience and audit), follows it and cancels it."""

from __future__ import annotations

import re
from datetime import UTC, datetime

from aiohttp.test_utils import TestClient
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.i18n import build_i18n
from bot.services.campaigns import lifecycle as campaigns
from db.models import Campaign, OutboxMessage, StaffAudit, User
from tests.db import dashboard_support as support
from tests.db.dashboard_support import EDITOR, NOW, sign_in
from tests.db.support import FixedClock
from tests.db.test_polls import residents

factory, client = support.factory, support.client  # the fixtures, used by name
Factory = async_sessionmaker[AsyncSession]
I18N = build_i18n("de")


def de(msgid: str, **values: object) -> str:
    """The dashboard's German text, as a browser gets it (HTML-escaped like the template)."""
    text = I18N.gettext(msgid, locale="de").format(**values)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


async def stored(factory: Factory) -> list[Campaign]:
    async with factory() as session:
        return list((await session.execute(select(Campaign))).scalars())


async def audit_of(factory: Factory, action: str) -> list[tuple[int, str]]:
    async with factory() as session:
        query = select(StaffAudit.actor, StaffAudit.target).where(StaffAudit.action == action)
        return [(actor, target) for actor, target in (await session.execute(query)).all()]


def hidden(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found is not None, name
    return found.group(1)


async def test_an_editor_counts_previews_and_sends_to_the_chosen_residents(
    client: TestClient,
    factory: Factory,  # type: ignore[type-arg]
) -> None:
    async with factory() as session:
        await residents(session, ["de", "de", "uk", "uk", "uk"])
    csrf = await sign_in(client, factory, EDITOR)
    form = await (await client.get("/announcements/new")).text()
    assert de("Recipients right now: {count}", count=5) in form
    counted = await client.get("/announcements/count?languages=uk")
    assert (await counted.json())["count"] == 3
    assert (await client.get("/announcements/count?languages=xx")).status == 400

    fields = {
        "csrf": csrf,
        "nonce": hidden(form, "nonce"),
        "languages": "uk",
        "text_de": "<b>Hallo</b>, Nachbarn & Co?",
        "text_uk": "<b>Привіт</b>, сусіди!",
    }
    bad = await client.post("/announcements/new", data={**fields, "step": "preview"})
    assert bad.status == 400  # a bare & is not Telegram HTML: the chat's rule, the chat's words
    formatting = (
        "Telegram can't show this formatting ({reason}). Please remove it and send the text again."
    )
    reason = "a bare & must be written as &amp;"
    assert de(formatting, reason=reason) in await bad.text() and not await stored(factory)
    fields["text_de"] = "<b>Hallo</b>, Nachbarn &amp; Freunde!"
    preview = await client.post("/announcements/new", data={**fields, "step": "preview"})
    page = await preview.text()
    assert preview.status == 200
    assert '<div class="bubble" lang="uk" dir="auto"><b>Привіт</b>, сусіди!</div>' in page
    assert '<div class="bubble" lang="de" dir="auto"><b>Hallo</b>, Nachbarn &amp; Freunde!' in page
    assert de("Recipients right now: {count}", count=3) in page

    # Changed after the preview: shown again, nothing stored.
    changed = {**fields, "previewed": hidden(page, "previewed"), "text_uk": "Привіт!"}
    again = await client.post("/announcements/new", data={**changed, "step": "send"})
    assert again.status == 200 and "Привіт!</div>" in await again.text()
    assert not await stored(factory)

    sent = {**fields, "previewed": hidden(page, "previewed"), "step": "send"}
    done = await client.post("/announcements/new", data=sent, allow_redirects=False)
    assert done.status == 303
    (campaign,) = await stored(factory)
    assert done.headers["Location"] == f"/announcements?created={campaign.id}"
    assert campaign.created_by == EDITOR and campaign.send_at == NOW
    twice = await client.post("/announcements/new", data=sent, allow_redirects=False)
    assert twice.status == 303 and len(await stored(factory)) == 1  # the same form, once
    said = await (await client.get(twice.headers["Location"] + "&lang=en")).text()
    assert f"This form was sent already, as announcement #{(await stored(factory))[0].id}" in said
    assert await audit_of(factory, "announcement.create") == [(EDITOR, f"campaign:{campaign.id}")]

    async with factory() as session:  # the sender's step: exactly the three Ukrainian readers
        await campaigns.queue_due(session, FixedClock(NOW), "de")
        rows = (await session.execute(select(OutboxMessage.chat_id, OutboxMessage.language)
                .where(OutboxMessage.campaign_id == campaign.id))).all()  # fmt: skip
        chats = select(User.telegram_id).where(User.language == "uk")
        assert sorted(rows) == [(chat, "uk") for chat in sorted(await session.scalars(chats))]
        assert (await campaigns.texts_of(session, campaign.id))["uk"] == "<b>Привіт</b>, сусіди!"
    listing = await (await client.get(f"/announcements?created={campaign.id}")).text()
    assert de("Sent: {sent} of {total}", sent=0, total=3) in listing
    assert '<meta http-equiv="refresh" content="5">' in listing  # follows the sending


async def test_a_time_in_berlin_is_stored_in_utc_and_cancelling_is_audited(
    client: TestClient,
    factory: Factory,  # type: ignore[type-arg]
) -> None:
    csrf = await sign_in(client, factory, EDITOR)
    nonce = hidden(await (await client.get("/announcements/new")).text(), "nonce")
    fields = {"csrf": csrf, "nonce": nonce, "text_de": "Bürgerforum morgen!"}
    yesterday = {**fields, "send_at": "2026-12-06T18:00", "step": "preview"}
    past = await client.post("/announcements/new", data=yesterday)
    assert past.status == 400
    assert de("This time is in the past. Please send a time in the future.") in await past.text()
    fields["send_at"] = "2026-12-24T18:00"
    page = await (
        await client.post("/announcements/new", data={**fields, "step": "preview"})
    ).text()
    done = await client.post(
        "/announcements/new", allow_redirects=False,
        data={**fields, "previewed": hidden(page, "previewed"), "step": "send"},
    )  # fmt: skip
    assert done.status == 303
    (campaign,) = await stored(factory)
    assert campaign.send_at == datetime(2026, 12, 24, 17, tzinfo=UTC)  # 18:00 in Berlin (CET)
    listing = await (await client.get(done.headers["Location"])).text()
    assert de("⏰ scheduled for {date}", date="2026-12-24 18:00") in listing

    cancel = f"/announcements/{campaign.id}/cancel"
    first = await client.post(cancel, data={"csrf": csrf}, allow_redirects=False)
    assert first.headers["Location"] == f"/announcements?cancelled={campaign.id}"
    second = await client.post(cancel, data={"csrf": csrf}, allow_redirects=False)
    assert second.headers["Location"] == f"/announcements?refused={campaign.id}"
    assert (await stored(factory))[0].status == "cancelled"
    assert await audit_of(factory, "announcement.cancel") == [(EDITOR, f"campaign:{campaign.id}")]
    missing = await client.post("/announcements/999/cancel", data={"csrf": csrf})
    assert missing.status == 404


async def test_without_a_german_text_nothing_is_stored(
    client: TestClient,
    factory: Factory,  # type: ignore[type-arg]
) -> None:
    csrf = await sign_in(client, factory, EDITOR)
    response = await client.post(
        "/announcements/new",
        data={"csrf": csrf, "nonce": "n", "text_tr": "Merhaba", "step": "send"},
    )
    assert response.status == 400
    page = await response.text()
    required = "The German text is required: everyone without a version in their language gets it."
    assert de(required) in page
    assert "Merhaba</textarea>" in page  # what was typed stays in the form
    async with factory() as session:
        assert await session.scalar(select(func.count()).select_from(Campaign)) == 0
