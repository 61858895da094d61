"""Editing a meeting on the dashboard: texts and places through the chat's edit service (nobody
told), a new time or place through the chat's move (everyone registered and waiting told in
their language); a mistake in any field is shown at that field and saves nothing."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from aiohttp.test_utils import TestClient
from sqlalchemy import select, update

from db.models import Meeting, OutboxMessage, User
from tests.db import dashboard_support as support
from tests.db.dashboard_support import ADMIN, EDITOR, sign_in
from tests.db.test_dashboard_pages import Factory, audited, meeting_with_two

factory, client = support.factory, support.client  # the fixtures, used by name


async def opened(client: TestClient, meeting_id: int) -> str:  # type: ignore[type-arg]
    """Open the form; what it was opened with (its hidden `seen` field)."""
    page = await (await client.get(f"/meetings/{meeting_id}/edit")).text()
    found = re.search(r'name="seen" value="([^"]+)"', page)
    assert found is not None
    return found.group(1)


def form(csrf: str, seen: str, **changed: str) -> dict[str, str]:
    """The form as the page fills it for `meeting_with_two`, with some fields changed."""
    values = {
        "csrf": csrf, "seen": seen, "title_de": "Bürgerforum Hamborn", "venue": "Rathaus Hamborn",
        "address": "Duisburger Str. 213, 47166 Duisburg", "starts": "2026-12-17T10:00",
        "ends": "2026-12-17T12:00", "capacity": "1",
    }  # fmt: skip
    return values | changed


async def notices(factory: Factory) -> dict[int, str]:
    async with factory() as session:
        rows = (await session.execute(select(OutboxMessage))).scalars().all()
    return {
        row.chat_id: json.loads(row.payload or "{}").get("text", "")
        for row in rows
        if "changed" in (row.dedupe_key or "")
    }


async def test_a_new_time_and_place_reach_everyone_registered_in_their_language(
    client: TestClient,  # type: ignore[type-arg]
    factory: Factory,
) -> None:
    meeting_id = await meeting_with_two(factory)
    async with factory() as session:  # the one waiting reads Ukrainian
        await session.execute(update(User).where(User.telegram_id == 5101).values(language="uk"))
        await session.commit()
    csrf = await sign_in(client, factory, EDITOR)
    shown = await (await client.get(f"/meetings/{meeting_id}/edit?lang=en")).text()
    assert 'value="Bürgerforum Hamborn"' in shown and 'value="2026-12-17T10:00"' in shown

    changed = form(
        csrf, await opened(client, meeting_id), title_en="Citizens' forum Hamborn",
        venue="Bezirksamt Hamborn", starts="2026-12-18T18:00", ends="2026-12-18T20:00",
    )  # fmt: skip
    done = await client.post(f"/meetings/{meeting_id}/edit", data=changed, allow_redirects=False)
    assert done.status == 303
    page = await (await client.get(done.headers["Location"] + "&lang=en")).text()
    assert "The new time or place is sent to 2 people." in page
    async with factory() as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None and meeting.venue == "Bezirksamt Hamborn"
        assert meeting.starts_at == datetime(2026, 12, 18, 17, tzinfo=UTC)  # 18:00 in Berlin
        assert json.loads(meeting.title)["en"] == "Citizens' forum Hamborn"
    told = await notices(factory)
    assert told[5100].startswith("⚠️ Dieser Termin hat sich geändert. Bisher:")
    assert told[5101].startswith("⚠️ Ця зустріч змінилася. Раніше:")
    assert "Bezirksamt Hamborn" in told[5100] and "Bezirksamt Hamborn" in told[5101]
    assert [actor for actor, _after in await audited(factory, "meeting.move")] == [EDITOR]
    assert [actor for actor, _after in await audited(factory, "meeting.title")] == [EDITOR]


async def test_a_mistake_is_shown_at_its_field_and_nothing_is_saved(
    client: TestClient,  # type: ignore[type-arg]
    factory: Factory,
) -> None:
    meeting_id = await meeting_with_two(factory)
    csrf = await sign_in(client, factory, EDITOR)
    url, seen = f"/meetings/{meeting_id}/edit?lang=en", await opened(client, meeting_id)
    cases = {
        "Too long. Characters allowed at most: 120.": form(
            csrf, seen, title_en="x" * 121, venue="Anderswo"
        ),
        "The start lies in the past.": form(
            csrf, seen, title_en="Forum", starts="2026-12-01T10:00", ends="2026-12-01T12:00"
        ),
        "The end must be after the start": form(
            csrf, seen, title_en="Forum", ends="2026-12-17T09:00"
        ),
        "Places: from 1 to 100000": form(csrf, seen, title_en="Forum", capacity="0"),
        "The German title is required": form(csrf, seen, title_de="", venue="Anderswo"),
    }
    for message, data in cases.items():
        refused = await client.post(url, data=data)
        text = await refused.text()
        assert refused.status == 400 and "Nothing was saved." in text and message in text, message
        assert 'aria-invalid="true"' in text
    async with factory() as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None and json.loads(meeting.title) == {"de": "Bürgerforum Hamborn"}
        assert meeting.venue == "Rathaus Hamborn" and meeting.capacity == 1
    assert await notices(factory) == {}
    assert await audited(factory, "meeting.title") == []


async def test_a_form_opened_before_another_save_is_refused_not_applied_over_it(
    client: TestClient,  # type: ignore[type-arg]
    factory: Factory,
) -> None:
    meeting_id = await meeting_with_two(factory)
    await sign_in(client, factory, EDITOR)
    editors_form = await opened(client, meeting_id)
    csrf = await sign_in(client, factory, ADMIN)  # a second staff member, meanwhile
    first = form(csrf, await opened(client, meeting_id), title_en="Citizens' forum")
    assert (await client.post(f"/meetings/{meeting_id}/edit", data=first)).status == 200
    csrf = await sign_in(client, factory, EDITOR)
    late = form(csrf, editors_form, title_en="Forum Hamborn", venue="Anderswo")
    refused = await client.post(f"/meetings/{meeting_id}/edit?lang=en", data=late)
    text = await refused.text()
    assert refused.status == 409 and "Someone else changed this meeting" in text
    assert 'value="Citizens&#39; forum"' in text  # the form shows what is stored now
    async with factory() as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None and meeting.venue == "Rathaus Hamborn"
        assert json.loads(meeting.title)["en"] == "Citizens' forum"
