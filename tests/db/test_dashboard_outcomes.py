"""Meeting outcomes and the public results pages: staff write what came out of a meeting, send
it once to everyone registered and the district's subscribers (outbox, audited), publish it;
the public pages show only what was published, in every language, small numbers hidden."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from aiohttp.test_utils import TestClient
from sqlalchemy import select

from bot.i18n import build_i18n
from bot.presentation.polls import renderer
from bot.services.meetings import feedback
from bot.services.polls import results as poll_results
from db.models import Meeting, OutboxMessage, User
from tests.db import dashboard_support as support
from tests.db.dashboard_support import EDITOR, NOW, sign_in
from tests.db.support import FixedClock
from tests.db.test_dashboard_pages import Factory, audited, meeting_with_two, poll_with_votes

factory, client = support.factory, support.client  # the fixtures, used by name


async def ended_meeting(factory: Factory) -> int:
    """meeting_with_two, moved into the past, plus a subscriber of its district (and one
    resident registered who is also subscribed: told once)."""
    meeting_id = await meeting_with_two(factory)
    async with factory() as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None
        meeting.starts_at, meeting.ends_at = (
            NOW - timedelta(days=2),
            NOW - timedelta(days=2, hours=-2),
        )
        subscriber = User(telegram_id=5200, language="ar")
        session.add(subscriber)
        await session.commit()
        await feedback.subscribe(session, FixedClock(NOW), subscriber, "hamborn")
        registered = (
            await session.execute(select(User).where(User.telegram_id == 5100))
        ).scalar_one()
        await feedback.subscribe(session, FixedClock(NOW), registered, "hamborn")
    return meeting_id


async def outbox_texts(factory: Factory) -> dict[int, list[str]]:
    async with factory() as session:
        rows = (await session.execute(select(OutboxMessage).where(
            OutboxMessage.dedupe_key.like("%:outcome:%")))).scalars().all()  # fmt: skip
    found: dict[int, list[str]] = {}
    for row in rows:
        found.setdefault(row.chat_id, []).append(json.loads(row.payload or "{}")["text"])
    return found


async def test_an_outcome_is_written_sent_once_and_published_in_every_language(
    client: TestClient, factory: Factory,  # type: ignore[type-arg]
) -> None:  # fmt: skip
    meeting_id = await ended_meeting(factory)
    csrf = await sign_in(client, factory, EDITOR)
    base = f"/meetings/{meeting_id}/outcome"
    assert (await client.get(f"/public{base}")).status == 404  # nothing written yet
    empty = await client.post(base, data={"csrf": csrf, "text_de": "  "})
    assert empty.status == 400  # German is required: nothing stored
    form = {"csrf": csrf, "text_de": "Der Spielplatz wird 2027 erneuert.",
            "text_ar": "سيتم تجديد الملعب في عام 2027."}  # fmt: skip
    saved = await client.post(base, data=form, allow_redirects=False)
    assert saved.status == 303
    assert (await client.get(f"/public{base}")).status == 404  # written, not published
    unsure = await client.post(f"{base}/send", data={"csrf": csrf})
    assert unsure.status == 400 and await outbox_texts(factory) == {}
    sent = await client.post(f"{base}/send", data={"csrf": csrf, "confirm": "yes"},
                             allow_redirects=False)  # fmt: skip
    # Registered 5100 (also subscribed: once), waiting 5101 is not registered, subscriber 5200.
    assert sent.headers["Location"] == f"{base}?told=2"
    texts = await outbox_texts(factory)
    assert sorted(texts) == [5100, 5200]
    assert "Der Spielplatz wird 2027 erneuert." in texts[5100][0]
    assert "سيتم تجديد الملعب" in texts[5200][0]  # the subscriber's language
    again = await client.post(f"{base}/send?lang=en", data={"csrf": csrf, "confirm": "yes"})
    assert again.status == 400 and "already" in await again.text()
    assert len(await outbox_texts(factory)) == 2  # sent once
    published = await client.post(f"{base}/public", data={"csrf": csrf, "public": "yes"},
                                  allow_redirects=False)  # fmt: skip
    assert published.status == 303
    client.session.cookie_jar.clear()  # the public page needs no sign-in
    page = await client.get(f"/public{base}?lang=ar")
    html = await page.text()
    assert page.status == 200 and '<html lang="ar" dir="rtl">' in html
    assert "سيتم تجديد الملعب" in html and "Bürgerforum Hamborn" in html
    german = await (await client.get(f"/public{base}?lang=tr")).text()
    assert "Der Spielplatz wird 2027 erneuert." in german and 'dir="ltr"' in german  # fallback
    actions = [await audited(factory, name) for name in
               ("meeting.outcome", "meeting.outcome_send", "meeting.outcome_public")]  # fmt: skip
    assert [len(entries) for entries in actions] == [1, 1, 1]
    assert all(actor == EDITOR for entries in actions for actor, _after in entries)


async def test_a_poll_is_public_only_when_published_and_never_shows_a_small_number(
    client: TestClient, factory: Factory, database_url: str,  # type: ignore[type-arg]
) -> None:  # fmt: skip
    poll_id = await poll_with_votes(factory, database_url)  # 6 : 4 of 10
    csrf = await sign_in(client, factory, EDITOR)
    # Published ahead, so the results message sent at closing can link the page; until the
    # poll is closed the page is not there.
    done = await client.post(f"/polls/{poll_id}/public", data={"csrf": csrf, "public": "yes"},
                             allow_redirects=False)  # fmt: skip
    assert done.status == 303
    assert (await client.get(f"/public/polls/{poll_id}")).status == 404
    base = "https://beteiligung.duisburg.de/dashboard"
    async with factory() as session:
        open_poll = await poll_results.get_poll(session, poll_id)
        assert open_poll is not None
        thanks = renderer(build_i18n("de"), base)(
            await poll_results.compute(session, open_poll), "en"
        )
    assert "/public/polls/" not in thanks  # no link to a page that is not there yet
    await client.post(f"/polls/{poll_id}/close", data={"csrf": csrf})
    async with factory() as session:
        closed = await poll_results.get_poll(session, poll_id)
        assert closed is not None
        message = renderer(build_i18n("de"), base)(
            await poll_results.compute(session, closed), "en"
        )
    assert f"Also on the web: {base}/public/polls/{poll_id}?lang=en" in message
    client.session.cookie_jar.clear()
    page = (await (await client.get(f"/public/polls/{poll_id}?lang=en")).text()).replace("\n", "")
    # 4 is small; 10 − 6 would give it away, so the 6 is hidden too; the 10 voters are shown.
    cells = re.findall(r"<td>([^<]*)</td>", page)
    assert cells == ["•", "•", "10"] and "Sitzplätze" in page
    assert await audited(factory, "poll.public") == [(EDITOR, '{"public": true}')]
