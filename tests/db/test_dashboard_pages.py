"""Polls, meetings, staff and audit in the dashboard: what an editor or admin sees and does,
through the same services as the chat and the CLI (results, closing, cancelling, the log)."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import timedelta

from aiohttp.test_utils import TestClient
from openpyxl import load_workbook
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.i18n import build_i18n
from bot.presentation.meetings import notice_renderer
from bot.services.meetings import lifecycle as meetings
from bot.services.meetings import registration
from bot.services.meetings.lifecycle import MeetingInput
from bot.services.polls import lifecycle as polls
from bot.services.polls import votes as poll_votes
from bot.services.polls.votes import RESULTS_PREFIX
from db.models import Meeting, OutboxMessage, Poll, StaffAudit, User
from tests.db import dashboard_support as support
from tests.db.dashboard_support import ADMIN, EDITOR, MODERATOR, NOW, sign_in
from tests.db.support import FixedClock
from tests.db.test_polls import deliver, draft, residents

factory, client = support.factory, support.client  # the fixtures, used by name
Factory = async_sessionmaker[AsyncSession]


async def audited(factory: Factory, action: str) -> list[tuple[int, str | None]]:
    """(actor, after) of every audit entry with this action."""
    async with factory() as session:
        query = select(StaffAudit.actor, StaffAudit.after).where(StaffAudit.action == action)
        return [tuple(row) for row in (await session.execute(query)).all()]  # type: ignore[misc]


async def poll_with_votes(factory: Factory, database_url: str) -> int:
    """7 German and 3 Turkish speakers in Mitte vote 6 : 4 (keyed as the dashboard keys them)."""
    secret = Settings(database_url=database_url).poll_key  # type: ignore[call-arg]
    clock = FixedClock(NOW)
    async with factory() as session:
        users = await residents(session, ["de"] * 7 + ["tr"] * 3)
        for user in users:
            user.profile_consent_at, user.district = NOW, "mitte"
        await session.commit()
        poll = await polls.create(session, clock, draft(closes_at=NOW + timedelta(days=3)), 1)
        ids = await deliver(session, clock)
        for n, user in enumerate(users):
            await poll_votes.answer(
                session, clock, secret, ids[user.telegram_id], user.telegram_id,
                [0 if n < 6 else 1], user, "de",
            )  # fmt: skip
        return poll.id


async def test_poll_results_hide_small_cells_and_the_files_match_the_page(
    client: TestClient,  # type: ignore[type-arg]
    factory: Factory,
    database_url: str,
) -> None:
    poll_id = await poll_with_votes(factory, database_url)
    await sign_in(client, factory, EDITOR)
    listing = await (await client.get("/polls")).text()
    assert f'href="/polls/{poll_id}"' in listing and "Was wünschst du dir?" in listing
    page = await (await client.get(f"/polls/{poll_id}?lang=en")).text()
    # The exact totals beside the chart, with each option's share of the 10 voters.
    rows = page.replace("\n", "")
    assert '<td dir="auto">Sitzplätze</td><td>6</td><td>60%</td><td>6</td><td>0</td>' in rows
    assert "share of all voters (10)" in page
    german = (await (await client.get(f"/polls/{poll_id}?lang=de")).text()).replace("\n", "")
    assert "<td>4</td><td>40\xa0%</td>" in german
    # Three Turkish speakers: never shown exactly, in the page or in the files. German speakers
    # vote 6 : 1 — "6 | < 5 | 7 voters" gave the 1 away (7 − 6), and 6 of 6 in all gave the
    # Turkish 0: so the whole breakdown is hidden (bot.services.polls.suppression).
    assert '<th scope="row">tr</th><td>•</td><td>•</td><td>•</td>' in page
    assert '<th scope="row">de</th><td>•</td><td>•</td><td>•</td>' in page
    response = await client.get(f"/polls/{poll_id}/results.csv")
    assert response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(await response.text())))
    header, first, voters = rows[0], rows[1], rows[-1]
    assert first[:4] == ["Sitzplätze", "6", "6", "0"]
    assert first[header.index("language:tr")] == "•" and voters[:2] == ["voters", "10"]
    assert first[header.index("language:de")] == "•"  # 6 of the 6: it would give tr's 0 away
    xlsx = await (await client.get(f"/polls/{poll_id}/results.xlsx")).read()
    book = load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames == ["results", "summary"]
    sheet = book["results"]
    assert [cell.value for cell in sheet[2]][:2] == ["Sitzplätze", 6]
    forms = [json.loads(after or "{}")["format"] for actor, after in
             await audited(factory, "export.poll_results") if actor == EDITOR]  # fmt: skip
    assert sorted(forms) == ["csv", "dashboard", "dashboard", "xlsx"]  # the page opened twice


async def test_closing_early_in_the_browser_stops_the_poll_and_pushes_results(
    client: TestClient,  # type: ignore[type-arg]
    factory: Factory,
    database_url: str,
) -> None:
    poll_id = await poll_with_votes(factory, database_url)
    csrf = await sign_in(client, factory, EDITOR)
    done = await client.post(f"/polls/{poll_id}/close", data={"csrf": csrf, "push": "yes"},
                             allow_redirects=False)  # fmt: skip
    assert done.status == 303 and done.headers["Location"] == f"/polls/{poll_id}"
    async with factory() as session:
        poll = await session.get(Poll, poll_id)
        assert poll is not None and poll.status == "closed"
        queued = (await session.execute(select(OutboxMessage))).scalars().all()
        stops = [row for row in queued if row.method == "stopPoll"]
        results = [row for row in queued if (row.dedupe_key or "").startswith(RESULTS_PREFIX)]
        assert len(stops) == 10 and len(results) == 10  # every voter told
    assert await audited(factory, "poll.close_push_results") == [(EDITOR, '{"early": true}')]
    again = await client.post(f"/polls/{poll_id}/close?lang=en", data={"csrf": csrf})
    assert again.status == 400 and "already_closed" in await again.text()
    assert "Close the poll now" not in await again.text()


async def meeting_with_two(factory: Factory) -> int:
    """A published meeting for one person: one resident registered, one waiting."""
    starts = NOW + timedelta(days=10)
    data = MeetingInput(
        title={"de": "Bürgerforum Hamborn"}, district="hamborn", venue="Rathaus Hamborn",
        address="Duisburger Str. 213, 47166 Duisburg", starts=starts,
        ends=starts + timedelta(hours=2), capacity=1,
    )  # fmt: skip
    clock = FixedClock(NOW)
    render = notice_renderer(build_i18n("de"), Settings().zone)  # type: ignore[call-arg]
    async with factory() as session:
        people = [User(telegram_id=5100 + n, language="de") for n in range(2)]
        session.add_all(people)
        meeting = await meetings.create(session, clock, data, created_by=EDITOR)
        await meetings.publish(session, clock, meeting, render, "de", actor=EDITOR)
        await session.commit()
        for person in people:
            await registration.register(session, clock, person, meeting.id)
        return meeting.id


async def test_meetings_list_counts_gives_the_poster_and_cancels_telling_everyone(
    client: TestClient,  # type: ignore[type-arg]
    factory: Factory,
) -> None:
    meeting_id = await meeting_with_two(factory)
    csrf = await sign_in(client, factory, EDITOR)
    listing = (await (await client.get("/meetings?lang=en")).text()).replace("\n", "")
    assert "Bürgerforum Hamborn" in listing
    assert "<td>1 / 1</td><td>1</td>" in listing  # registered of capacity, waiting
    poster = await client.get(f"/meetings/{meeting_id}/qr.png")
    assert poster.headers["Content-Type"] == "image/png"
    assert (await poster.read()).startswith(b"\x89PNG\r\n\x1a\n")
    assert f"meeting-{meeting_id}-qr.png" in poster.headers["Content-Disposition"]
    unsure = await client.post(f"/meetings/{meeting_id}/cancel", data={"csrf": csrf})
    assert unsure.status == 400  # the confirmation box was not ticked: nothing changed
    sure = {"csrf": csrf, "confirm": "yes"}
    done = await client.post(f"/meetings/{meeting_id}/cancel", data=sure, allow_redirects=False)
    assert done.status == 303 and done.headers["Location"] == "/meetings?told=2"
    sorry = build_i18n("de").gettext("This meeting has been cancelled. We are sorry.", locale="de")
    async with factory() as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None and meeting.status == "cancelled"
        query = select(OutboxMessage).where(OutboxMessage.chat_id.in_([5100, 5101]))
        texts = [json.loads(row.payload or "{}").get("text", "")
                 for row in (await session.execute(query)).scalars()]  # fmt: skip
    assert sum(sorry in text for text in texts) == 2
    assert await audited(factory, "meeting.cancel") == [(EDITOR, '{"status": "cancelled"}')]
    after = (await (await client.get("/meetings")).text()).replace("\n", "")
    assert f'action="/meetings/{meeting_id}/cancel"' not in after


def cells(page: str, column: int) -> list[str]:
    """The texts of one column of the page's table body."""
    body = page.split("<tbody>", 1)[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body.replace("\n", ""))
    return [re.findall(r"<td[^>]*>(.*?)</td>", row)[column] for row in rows]


async def test_admins_see_the_staff_and_the_audit_log_filtered_and_as_csv(
    client: TestClient,  # type: ignore[type-arg]
    factory: Factory,
) -> None:
    await sign_in(client, factory, ADMIN)
    staff = await (await client.get("/staff")).text()
    # The roles' names in the page's language, German here.
    assert list(zip(cells(staff, 0), cells(staff, 1), strict=True)) == [
        (str(ADMIN), "Admin"), (str(EDITOR), "Redaktion"), (str(MODERATOR), "Moderation"),
    ]  # fmt: skip
    everything = await (await client.get("/audit")).text()
    assert {"staff.add", "dashboard.link", "dashboard.login"} <= set(cells(everything, 2))
    added = await (await client.get("/audit?action=staff.add")).text()
    assert cells(added, 2) == ["staff.add", "staff.add"]
    assert sorted(cells(added, 3)) == [f"staff:{EDITOR}", f"staff:{MODERATOR}"]
    today, tomorrow = NOW.date(), (NOW + timedelta(days=1)).date()
    assert len(cells(await (await client.get(f"/audit?since={today}")).text(), 0)) == len(
        cells(everything, 0)
    )
    none = await (await client.get(f"/audit?since={tomorrow}&lang=en")).text()
    assert "No entries match these filters." in none
    wrong = await client.get("/audit?since=yesterday&lang=en")
    assert wrong.status == 400 and "2026-11-01" in await wrong.text()
    response = await client.get("/audit.csv?action=staff.add")
    rows = list(csv.reader(io.StringIO(await response.text())))
    assert rows[0] == ["time_utc", "actor", "action", "target", "before", "after"]
    assert [row[2] for row in rows[1:]] == ["staff.add", "staff.add"]
    assert [actor for actor, _ in await audited(factory, "export.audit")] == [ADMIN]
