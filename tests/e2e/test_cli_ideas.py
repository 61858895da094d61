"""`stadtstimme ideas list|export`: the columns staff get, and no personal data in them.

One real process per command (`cli`); the other runs, refusals included, in this process.
"""

from __future__ import annotations

import asyncio
import csv
import io
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from sqlalchemy import select

from bot.services.ideas import engagement as idea_engagement
from bot.services.ideas import lifecycle as ideas
from bot.services.ideas.lifecycle import IdeaDraft
from bot.services.ideas.moderation import Decision, decide
from db.models import User
from db.session import create_engine, create_session_factory
from tests.e2e.test_cli import cli, cli_here


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.moment = now

    def now(self) -> datetime:
        return self.moment


async def seed(database_url: str) -> None:
    engine = create_engine(database_url)
    clock = FixedClock(datetime(2026, 3, 2, 9, 30, tzinfo=UTC))
    try:
        async with create_session_factory(engine)() as session:
            session.add_all([User(telegram_id=424242), User(telegram_id=515151)])
            await session.commit()
            users = list((await session.execute(select(User).order_by(User.id))).scalars())
            first = await ideas.submit(
                session, clock, users[0],
                IdeaDraft("transport", "walsum", 'Mehr Busse nach Walsum, "bitte", auch abends.'),
                per_day=5,
            )  # fmt: skip
            for decision in (
                Decision("review", 777),
                Decision("publish", 777, comment="Danke"),
                Decision("forward", 777, department="Amt 61", comment="Meldet sich bei Ihnen"),
            ):
                await decide(session, clock, first.id, decision, lambda *a: "x", "de")
            await idea_engagement.toggle_support(session, clock, users[1], first.id)
            await idea_engagement.report(
                session, clock, users[1], first.id, "spam", per_day=10, hide_after=3,
                hidden_notice=lambda *a: "x", default_language="de",
            )  # fmt: skip
            clock.moment = datetime(2026, 4, 10, 8, tzinfo=UTC)
            await ideas.submit(
                session, clock, users[1],
                IdeaDraft("youth", "city", "Ein Jugendzentrum mit Proberaum für Bands."),
                per_day=5,
            )  # fmt: skip
    finally:
        await engine.dispose()


async def test_export_csv_xlsx_and_list(database_url: str, tmp_path: Path) -> None:
    await seed(database_url)
    result = cli(database_url, "ideas", "export", "--format", "csv")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == [
        "reference", "created", "topic", "district", "language", "text", "text_de",
        "translated_by", "status", "supports", "reports", "history",
    ]  # fmt: skip
    first, second = rows
    assert first["reference"] == "I-2026-0001" and first["created"] == "2026-03-02T09:30:00Z"
    assert (first["topic"], first["district"], first["language"]) == ("transport", "walsum", "de")
    assert first["text"] == 'Mehr Busse nach Walsum, "bitte", auch abends.'
    assert (first["text_de"], first["translated_by"]) == (first["text"], "")  # German already
    assert (first["status"], first["supports"], first["reports"]) == ("forwarded", "1", "1")
    assert first["history"] == (  # the department, never staff's comments to the author
        "2026-03-02T09:30Z submit →submitted; 2026-03-02T09:30Z review submitted→in_review; "
        "2026-03-02T09:30Z publish in_review→published; "
        "2026-03-02T09:30Z forward published→forwarded Amt 61"
    )
    assert (second["reference"], second["district"], second["status"]) == (
        "I-2026-0002", "city", "submitted",
    )  # fmt: skip
    for forbidden in ("424242", "515151", "777"):
        assert forbidden not in result.stdout  # no Telegram ids of residents or staff

    since = await asyncio.to_thread(
        cli_here, database_url, "ideas", "export", "--since", "2026-04-01"
    )
    assert [r["reference"] for r in csv.DictReader(io.StringIO(since.stdout))] == ["I-2026-0002"]

    target = tmp_path / "ideas.xlsx"
    xlsx = await asyncio.to_thread(
        cli_here, database_url, "ideas", "export", "--format", "xlsx", "--out", str(target)
    )
    assert xlsx.returncode == 0, xlsx.stderr
    sheet = load_workbook(target).active
    assert sheet is not None
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0][0] == "reference" and values[1][0] == "I-2026-0001" and len(values) == 3
    assert values[1][9] == 1  # supports as a number

    listing = cli(database_url, "ideas", "list", "--status", "forwarded")
    assert listing.returncode == 0 and "I-2026-0001" in listing.stdout
    assert "I-2026-0002" not in listing.stdout
    bad = await asyncio.to_thread(cli_here, database_url, "ideas", "export", "--since", "April")
    assert bad.returncode == 2 and "--since" in bad.stderr
    bad_status = await asyncio.to_thread(
        cli_here, database_url, "ideas", "list", "--status", "open"
    )
    assert bad_status.returncode == 2 and "--status" in bad_status.stderr


FORMULAS = [
    '=HYPERLINK("http://evil.example","click")',
    "+1 für mehr Busse nach Walsum",
    "-2+3 Parkplätze weniger am Markt",
    "@SUM(A1) Spielplatz am Rhein bitte",
]


async def seed_formulas(database_url: str) -> None:
    engine = create_engine(database_url)
    clock = FixedClock(datetime(2026, 5, 4, 12, tzinfo=UTC))
    try:
        async with create_session_factory(engine)() as session:
            resident = User(telegram_id=606060)
            session.add(resident)
            await session.flush()
            for text in FORMULAS:
                draft = IdeaDraft("environment", "mitte", text)
                await ideas.submit(session, clock, resident, draft, per_day=10)
            await session.commit()
    finally:
        await engine.dispose()


async def test_export_writes_formulas_as_text(database_url: str, tmp_path: Path) -> None:
    await seed_formulas(database_url)
    result = await asyncio.to_thread(cli_here, database_url, "ideas", "export", "--format", "csv")
    assert result.returncode == 0, result.stderr
    texts = [row["text"] for row in csv.DictReader(io.StringIO(result.stdout))]
    assert texts == ["'" + text for text in FORMULAS]

    target = tmp_path / "ideas.xlsx"
    xlsx = await asyncio.to_thread(
        cli_here, database_url, "ideas", "export", "--format", "xlsx", "--out", str(target)
    )
    assert xlsx.returncode == 0, xlsx.stderr
    sheet = load_workbook(target).active
    assert sheet is not None
    cells = [row[5] for row in sheet.iter_rows(min_row=2)]
    assert [(cell.value, cell.data_type) for cell in cells] == [(t, "s") for t in FORMULAS]
    assert [row[9].value for row in sheet.iter_rows(min_row=2)] == [0, 0, 0, 0]  # supports


def berlin_today() -> str:
    return datetime.now(ZoneInfo("Europe/Berlin")).date().isoformat()


async def test_export_into_a_folder_is_named_for_duisburgerideen(
    database_url: str, tmp_path: Path
) -> None:
    await seed_formulas(database_url)
    folder = tmp_path / "exports"
    folder.mkdir()
    days = {berlin_today()}
    xlsx = await asyncio.to_thread(
        cli_here, database_url, "ideas", "export", "--format", "xlsx", "--out", str(folder)
    )
    written = await asyncio.to_thread(
        cli_here, database_url, "ideas", "export", "--out", str(folder)
    )
    days.add(berlin_today())
    assert xlsx.returncode == 0 and written.returncode == 0, (xlsx.stderr, written.stderr)
    names = sorted(path.name for path in folder.iterdir())
    assert any(
        names == [f"DuisbürgerIdeen-export-{day}.csv", f"DuisbürgerIdeen-export-{day}.xlsx"]
        for day in days
    ), names
    book = load_workbook(folder / names[1])
    assert book.sheetnames == ["DuisbürgerIdeen"]
    with (folder / names[0]).open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    assert [row["text"] for row in rows] == ["'" + text for text in FORMULAS]
    help_text = await asyncio.to_thread(cli_here, database_url, "ideas", "export", "--help")
    assert "DuisbürgerIdeen-export-<date>" in help_text.stdout
