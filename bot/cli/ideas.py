"""`stadtstimme ideas …`: list ideas and export them for DuisbürgerIdeen (CSV or XLSX).

Exports hold no personal data.
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table

from bot.cli.exits import fail, settings_or_exit
from bot.cli.support import database_session, run_db
from bot.services import audit, tabular
from bot.services.clock import SystemClock
from bot.services.ideas import export as idea_export
from bot.services.ideas.export import COLUMNS, STATUSES
from db.models import IdeaStatus

ideas_app = typer.Typer(
    help="Ideas handed in by residents for DuisbürgerIdeen, the city's idea platform.",
    no_args_is_help=True,
)
# The city's idea platform: the name of the exported sheet and of the default file.
PLATFORM = "DuisbürgerIdeen"


def register(app: typer.Typer) -> None:
    """Add `ideas` to the main command."""
    app.add_typer(ideas_app, name="ideas")


def _status(value: str | None) -> IdeaStatus | None:
    if value is not None and value not in STATUSES:
        raise fail(f"--status: expected one of {', '.join(STATUSES)}")
    return None if value is None else IdeaStatus(value)


def _load(
    status: IdeaStatus | None, since: datetime | None, *, export: bool = False
) -> list[dict[str, object]]:
    settings = settings_or_exit()

    async def load() -> list[dict[str, object]]:
        async with database_session(settings) as session:
            if export:  # an export leaves the system: audited
                return await idea_export.export(
                    session, SystemClock(), actor=audit.CLI_OPERATOR, status=status, since=since,
                    provider=settings.translate_provider,
                )  # fmt: skip
            return await idea_export.rows(
                session, status=status, since=since, provider=settings.translate_provider
            )

    return list(run_db(load()) or [])


@ideas_app.command("list")
def list_ideas(
    status: str | None = typer.Option(None, "--status", help=f"One of: {', '.join(STATUSES)}."),
) -> None:
    """Show ideas with status, supports and reports (oldest first)."""
    found = _load(_status(status), None)
    table = Table("reference", "created (UTC)", "topic", "district", "lang", "status", "👍", "⚠️")
    for row in found:
        table.add_row(
            str(row["reference"]), str(row["created"])[:16].replace("T", " "), str(row["topic"]),
            str(row["district"]), str(row["language"]) or "—", str(row["status"]),
            str(row["supports"]), str(row["reports"]),
        )  # fmt: skip
    Console().print(table)
    Console().print(f"{len(found)} ideas")


def _sheet(found: list[dict[str, object]]) -> tabular.Sheet:
    rows = [[_cell(row[column]) for column in COLUMNS] for row in found]
    return tabular.Sheet(PLATFORM, COLUMNS, rows)


def export_name(format: str, today: date) -> str:
    """The file name an export gets in a folder: DuisbürgerIdeen-export-2026-12-07.csv."""
    return f"{PLATFORM}-export-{today.isoformat()}.{format}"


def _cell(value: object) -> tabular.Cell:
    return value if value is None or isinstance(value, int | float) else str(value)


@ideas_app.command("export")
def export(
    format: str = typer.Option("csv", "--format", help="csv or xlsx."),
    since: str | None = typer.Option(None, "--since", metavar="DATE", help="YYYY-MM-DD (UTC)."),
    status: str | None = typer.Option(None, "--status", help="Only ideas with this status."),
    out: Path | None = typer.Option(
        None, "--out", metavar="FILE|FOLDER",
        help=f"A file, or a folder for {PLATFORM}-export-<date>.<format>. Default: stdout (CSV).",
    ),
) -> None:  # fmt: skip
    """Export for DuisbürgerIdeen: reference, created, topic, … status, counts, history.

    Text is data, never a formula: in CSV a cell starting with = + - @, a tab or a carriage
    return gets a leading apostrophe; in XLSX every text cell is a string cell.
    """
    if format not in ("csv", "xlsx"):
        raise fail("--format: expected csv or xlsx")
    if format == "xlsx" and out is None:
        raise fail("--format xlsx needs --out FILE")
    start = None
    if since is not None:
        try:
            start = datetime.combine(date.fromisoformat(since), datetime.min.time(), UTC)
        except ValueError:
            raise fail("--since: expected a date like 2026-11-01") from None
    found = _load(_status(status), start, export=True)
    sheet = _sheet(found)
    data = tabular.to_csv(sheet) if format == "csv" else tabular.to_xlsx(sheet)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    if out.is_dir():
        zone = ZoneInfo(settings_or_exit().timezone)
        out = out / export_name(format, SystemClock().now().astimezone(zone).date())
    out.write_bytes(data)
    typer.echo(f"wrote {len(found)} ideas to {out}", err=True)
