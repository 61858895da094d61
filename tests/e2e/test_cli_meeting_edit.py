"""`stadtstimme meetings edit ID` as an operator runs it: texts, places, refusals, the audit."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from db.models import Meeting, MeetingRegistration, OutboxMessage, User
from db.session import create_engine, create_session_factory
from tests.e2e.test_cli import cli, cli_here, real_cli
from tests.e2e.test_cli_meetings import MEETING_YAML


async def seat_people(database_url: str, meeting_id: int, statuses: list[str]) -> None:
    """Residents registered or waiting (the bot would do this), oldest first."""
    engine = create_engine(database_url)
    start = datetime.now(UTC) - timedelta(hours=len(statuses))
    async with create_session_factory(engine)() as session:
        for number, status in enumerate(statuses):
            user = User(telegram_id=5000 + number, language="tr", onboarded=True)
            session.add(user)
            await session.flush()
            since = start + timedelta(hours=number)
            session.add(MeetingRegistration(meeting_id=meeting_id, user_id=user.id,
                                            status=status, since=since))  # fmt: skip
        await session.commit()
    await engine.dispose()


async def stored(database_url: str, meeting_id: int) -> tuple[Meeting, list[str], int]:
    """The meeting, its registration statuses and the number of queued messages."""
    engine = create_engine(database_url)
    async with create_session_factory(engine)() as session:
        meeting = await session.get(Meeting, meeting_id)
        assert meeting is not None
        query = select(MeetingRegistration.status).order_by(MeetingRegistration.since)
        statuses = list((await session.execute(query)).scalars())
        queued = len((await session.execute(select(OutboxMessage))).all())
    await engine.dispose()
    return meeting, statuses, queued


async def test_edit_texts_and_places(database_url: str, tmp_path: Path) -> None:
    (tmp_path / "meeting.yaml").write_text(MEETING_YAML.replace("40", "2"), encoding="utf-8")
    added = real_cli(database_url, "meetings", "add", "--file", "meeting.yaml", cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    meeting_id = added.stdout.split("\t")[0]
    await seat_people(database_url, int(meeting_id), ["registered", "registered", "waiting"])

    edit = ["meetings", "edit", meeting_id]
    texts = cli(database_url, *edit, "--title", "de=Bürgerforum Hamborn-Nord",
                "--title", "tr=-", "--description", "ar=منتدى")  # fmt: skip
    assert texts.returncode == 0, texts.stderr
    assert texts.stdout.splitlines() == [
        "title.de: Bürgerforum Hamborn → Bürgerforum Hamborn-Nord",
        "title.tr: Hamborn Vatandaş Forumu → —",
        "description.ar: — → منتدى",
    ]
    listing = cli(database_url, "meetings", "list").stdout
    assert listing.rstrip().endswith("Bürgerforum Hamborn-Nord")

    refusals = {
        ("--capacity", "1"): "capacity: 2 people are registered already; nobody loses a place",
        ("--capacity", "0"): "capacity: a whole number from 1 to 100000 (or no limit)",
        ("--capacity", "viele"): "Invalid value for '--capacity'",
        ("--title", "de="): "title.de: empty",
        ("--title", "de=" + "x" * 121): "title.de: at most 120 characters",
        ("--title", "de=-"): "title.de: the German title is required",
        ("--title", "xx=Titel"): "unknown language 'xx'",
        ("--title", "Titel"): "expected LANG=TEXT",
    }
    for args, expected in refusals.items():  # in this process (a thread: asyncio.run inside)
        result = await asyncio.to_thread(cli_here, database_url, *edit, *args)
        assert result.returncode == 2 and expected in result.stderr, (args, result.stderr)
        assert "Traceback" not in result.stderr
    assert cli(database_url, "meetings", "edit", "999", "--capacity", "5").returncode == 2
    meeting, statuses, queued = await stored(database_url, int(meeting_id))
    assert meeting.capacity == 2 and statuses == ["registered", "registered", "waiting"]
    assert queued == 0  # no text edit told anyone

    more = cli(database_url, *edit, "--capacity", "3")
    assert more.returncode == 0, more.stderr
    assert more.stdout.splitlines() == [
        "capacity: 2 → 3",
        "moved up from the waiting list (each told): 1",
    ]
    meeting, statuses, queued = await stored(database_url, int(meeting_id))
    assert statuses == ["registered"] * 3 and queued == 1
    unlimited = cli(database_url, *edit, "--no-limit")
    assert unlimited.stdout.strip() == "capacity: 3 → no limit"
    assert json.loads((await stored(database_url, int(meeting_id)))[0].title) == {
        "de": "Bürgerforum Hamborn-Nord"
    }

    log = cli(database_url, "audit").stdout
    for action in ("meeting.create", "meeting.publish", "meeting.title", "meeting.description",
                   "meeting.capacity"):  # fmt: skip
        assert action in log
    assert "7 entries" in log and "CLI operator" in log  # `meetings add` created and published
