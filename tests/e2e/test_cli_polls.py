"""`stadtstimme polls add|results|close`: the YAML format, refusals, exports and the chart."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from openpyxl import load_workbook
from sqlalchemy import select

from bot.config import Settings
from bot.services.clock import SystemClock
from bot.services.polls import lifecycle as polls
from bot.services.polls import results as poll_results
from bot.services.polls import votes as poll_votes
from bot.services.polls.chart import chart_data, render_png
from bot.services.polls.input import PollAudience, PollDraft
from db.models import OutboxMessage, User
from db.repositories import polls as repo
from db.session import create_engine, create_session_factory
from tests.e2e.test_cli import POLL_SECRET, TOKEN, cli, real_cli

GOOD = """\
question: {de: "Was wünschst du dir am Innenhafen?", tr: "Innenhafen'da ne görmek istersin?"}
options:
  - {de: "Mehr Sitzplätze", tr: "Daha fazla oturma yeri"}
  - {de: "Sportflächen", tr: "Spor alanları"}
multiple: false
closes: "CLOSES"      # Europe/Berlin
audience: {districts: [Mitte], languages: [tr]}
show_results: true
"""


def closes(days: int = 5) -> str:
    return (datetime.now(UTC) + timedelta(days=days)).strftime("%Y-%m-%d %H:%M")


async def seed_voters(database_url: str) -> int:
    """A poll with 12 votes in German and Turkish plus one youth group's 7; returns its id."""
    engine = create_engine(database_url)
    clock = SystemClock()
    settings = Settings(_env_file=None, bot_token=TOKEN, poll_secret=POLL_SECRET)  # type: ignore[call-arg]
    key = settings.poll_key
    try:
        async with create_session_factory(engine)() as session:
            users = [
                User(
                    telegram_id=9000 + n,
                    language="tr" if n >= 8 else "de",
                    district="mitte" if n < 6 else "walsum",
                    profile_consent_at=datetime.now(UTC),
                )
                for n in range(12)
            ]
            session.add_all(users)
            await session.commit()
            draft = PollDraft(
                questions={"de": "Mehr Bäume?", "tr": "Daha çok ağaç?"},
                options={"de": ["Ja", "Nein"], "tr": ["Evet", "Hayır"]},
                closes_at=datetime.now(UTC) + timedelta(days=2),
                audience=PollAudience(groups=True),
            )
            poll = await polls.create(session, clock, draft, created_by=0)
            rows = (await session.execute(select(OutboxMessage))).scalars().all()
            await repo.add_messages(
                session,
                [
                    {"telegram_poll_id": f"t{r.chat_id}", "poll_id": poll.id, "chat_id": r.chat_id,
                     "message_id": 1, "language": r.language or "de", "is_group": False,
                     "native_close": True, "tally_voters": 0, "sent_at": clock.now()}
                    for r in rows
                ]
                + [{"telegram_poll_id": "g1", "poll_id": poll.id, "chat_id": -100777,
                    "message_id": 1, "language": "de", "is_group": True, "native_close": True,
                    "tally_voters": 0, "sent_at": clock.now()}],
            )  # fmt: skip
            await session.commit()
            for n, user in enumerate(users):
                option = [0] if n < 9 else [1]
                await poll_votes.answer(
                    session,
                    clock,
                    key,
                    f"t{user.telegram_id}",
                    user.telegram_id,
                    option,
                    user,
                    "de",
                )
            await poll_votes.group_tally(session, clock, "g1", [4, 3], 7)
            return poll.id
    finally:
        await engine.dispose()


def test_add_refuses_mistakes_with_line_and_field(database_url: str, tmp_path: Path) -> None:
    file = tmp_path / "poll.yaml"
    cases = {
        GOOD.replace('  - {de: "Sportflächen", tr: "Spor alanları"}\n', ""): "options",
        GOOD.replace("Sportflächen", "x" * 101): "line 4, options[2].de: too long",
        GOOD.replace("CLOSES", "2020-01-01 10:00"): "line 6, closes",
        GOOD.replace("[Mitte]", "[Mars]"): "line 7, audience.districts",
        GOOD.replace("show_results: true", "show_result: true"): "line 8, show_result",
    }
    for text, where in cases.items():
        file.write_text(text.replace("CLOSES", closes()), encoding="utf-8")
        result = real_cli(database_url, "polls", "add", "--file", str(file))
        assert result.returncode == 2, (where, result.stdout)
        assert where in result.stderr and "Traceback" not in result.stderr
    listing = cli(database_url, "polls", "list")
    assert "Innenhafen" not in listing.stdout  # nothing half-stored


def test_add_prints_the_id_and_queues_the_poll(database_url: str, tmp_path: Path) -> None:
    file = tmp_path / "poll.yaml"
    file.write_text(GOOD.replace("CLOSES", closes()), encoding="utf-8")
    result = cli(database_url, "polls", "add", "--file", str(file))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1"
    listing = cli(database_url, "polls", "list")
    assert "Was wünschst du dir am Innenhafen?" in listing.stdout and "open" in listing.stdout
    closed = cli(database_url, "polls", "close", "1")
    assert closed.returncode == 0 and "closed" in closed.stderr
    again = cli(database_url, "polls", "close", "1")
    assert again.returncode == 2 and "already closed" in again.stderr


async def test_results_csv_xlsx_and_chart(database_url: str, tmp_path: Path) -> None:
    poll_id = await seed_voters(database_url)
    result = cli(database_url, "polls", "results", str(poll_id), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    header = rows[0]
    assert header[:4] == ["option", "total", "residents", "youth_groups"]
    ja, nein, voters = rows[1], rows[2], rows[3]
    assert ja[:4] == ["Ja", "13", "9", "4"] and nein[:4] == ["Nein", "6", "3", "3"]
    assert voters[:4] == ["voters", "19", "12", "7"]
    assert ja[header.index("language:tr")] == "•"  # 1 Turkish "Ja": never exact
    # … nor as 9 − 8 German "Ja": two languages, one of them small, hide each other.
    assert ja[header.index("language:de")] == "•"
    assert nein[header.index("district:walsum")] == "•"
    assert ja[header.index("district:mitte")] == "•"

    out = tmp_path / "r.xlsx"
    assert (
        cli(
            database_url, "polls", "results", str(poll_id), "--format", "xlsx", "--out", str(out)
        ).returncode
        == 0
    )
    sheet = load_workbook(out)["results"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0][:4] == header[:4] and values[1][:4] == ["Ja", 13, 9, 4]

    text = cli(database_url, "polls", "results", str(poll_id))
    counted = "19 votes: 12 of 12 residents who received the poll (turnout 100%), 7 in 1 youth"
    assert counted in " ".join(text.stdout.split())  # Rich may wrap the line

    engine = create_engine(database_url)
    async with create_session_factory(engine)() as session:
        poll = await repo.get(session, poll_id)
        assert poll is not None
        found = await poll_results.compute(session, poll)
    await engine.dispose()
    data = chart_data(found, "19")
    assert data.bars == [("Ja", 13), ("Nein", 6)] and data.title == "Mehr Bäume?"
    png = tmp_path / "r.png"
    result = cli(
        database_url, "polls", "results", str(poll_id), "--format", "png", "--out", str(png)
    )
    assert result.returncode == 0, result.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert render_png(data)[:8] == b"\x89PNG\r\n\x1a\n"


async def test_results_write_formulas_as_text(database_url: str, tmp_path: Path) -> None:
    evil = '=HYPERLINK("http://evil.example","click")'
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            draft = PollDraft(
                questions={"de": "@SUM(A1) Welche Farbe?"},
                options={"de": [evil, "-2+3"]},
                closes_at=datetime.now(UTC) + timedelta(days=2),
            )
            poll = await polls.create(session, SystemClock(), draft, created_by=0)
            await session.commit()
    finally:
        await engine.dispose()
    result = cli(database_url, "polls", "results", str(poll.id), "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert [row[:2] for row in rows[1:]] == [["'" + evil, "0"], ["'-2+3", "0"], ["voters", "0"]]

    out = tmp_path / "r.xlsx"
    xlsx = cli(
        database_url, "polls", "results", str(poll.id), "--format", "xlsx", "--out", str(out)
    )
    assert xlsx.returncode == 0, xlsx.stderr
    book = load_workbook(out)
    options = [row[0] for row in book["results"].iter_rows(min_row=2, max_row=3)]
    assert [(cell.value, cell.data_type) for cell in options] == [(evil, "s"), ("-2+3", "s")]
    question = book["summary"]["B1"]
    assert (question.value, question.data_type) == ("@SUM(A1) Welche Farbe?", "s")
