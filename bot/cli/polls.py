"""`stadtstimme polls …`: add a poll from YAML, list polls, show results (text, PNG, CSV, XLSX)."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from bot.cli.exits import fail, settings_or_exit
from bot.cli.support import database_session, local, run_db
from bot.cli.translate_option import TRANSLATE_HELP
from bot.config import Settings
from bot.services import audit, tabular
from bot.services.clock import SystemClock
from bot.services.polls import results as poll_results
from bot.services.polls.results import Results
from db.models import Poll
from db.repositories import polls as repo

polls_app = typer.Typer(help="Quick polls.", no_args_is_help=True)
FORMATS = ("text", "png", "csv", "xlsx")


def register(app: typer.Typer) -> None:
    """Add `polls` to the main command."""
    app.add_typer(polls_app, name="polls")


@polls_app.command("add")
def add(
    file: Path = typer.Option(..., "--file", help="The poll as YAML (see README)."),
    translate: bool = typer.Option(False, "--translate", help=TRANSLATE_HELP),
) -> None:
    """Create a poll from a file; it goes out now unless `starts:` says later."""
    from bot.cli.polls_write import add_poll

    settings = settings_or_exit()
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as error:
        raise fail(f"cannot read {file}: {error.strerror or error}") from None
    add_poll(settings, text, file, translate=translate)


@polls_app.command("close")
def close(
    poll_id: int = typer.Argument(..., metavar="ID"),
    push: bool = typer.Option(False, "--push-results", help="Send the results to participants."),
) -> None:
    """Close a poll now; late votes are no longer counted."""
    from bot.cli.polls_write import close_poll

    close_poll(settings_or_exit(), poll_id, push)


@polls_app.command("rekey")
def rekey() -> None:
    """Run ONCE after setting POLL_SECRET on an installation that had none: votes stored under
    the old key (the BOT_TOKEN) move to POLL_SECRET, so /delete and "already voted" find them
    again. One transaction, audited; running it again changes nothing. Stop the bot first.

    Computes two HMACs per known resident and poll: fine up to about 10^6 residents x polls.
    """
    from bot.cli.polls_write import rekey_votes

    rekey_votes(settings_or_exit())


async def _results(settings: Settings, poll_id: int, form: str) -> Results | None:
    async with database_session(settings) as session:
        poll = await repo.get(session, poll_id)
        if poll is None:
            return None
        return await poll_results.export(
            session, SystemClock(), poll, settings.default_language, actor=audit.CLI_OPERATOR,
            form=form,
        )  # fmt: skip


@polls_app.command("list")
def list_polls() -> None:
    """Every poll: id, status, closing time, question, votes."""
    settings = settings_or_exit()

    async def load() -> list[tuple[Poll, str, int]]:
        async with database_session(settings) as session:
            return await repo.overview(session)

    table = Table("id", "status", "closes", "question (de)", "votes")
    for poll, question, votes in run_db(load()) or []:
        table.add_row(
            str(poll.id), poll.status, local(poll.closes_at, settings), question, str(votes)
        )
    Console().print(table)


@polls_app.command("results")
def results(
    poll_id: int = typer.Argument(..., metavar="ID"),
    format: str = typer.Option("text", "--format", help="text, png, csv or xlsx."),
    out: Path | None = typer.Option(None, "--out", metavar="FILE", help="Default: stdout."),
) -> None:
    """Totals, turnout, youth groups and breakdowns (cells below 5 shown as "< 5").

    In CSV a text cell starting with = + - @, a tab or a carriage return gets a leading
    apostrophe (so it is never run as a formula); in XLSX every text cell is a string cell.
    """
    if format not in FORMATS:
        raise fail(f"--format: expected one of {', '.join(FORMATS)}")
    if format in ("png", "xlsx") and out is None:
        raise fail(f"--format {format} needs --out FILE")
    settings = settings_or_exit()
    found = run_db(_results(settings, poll_id, format))
    if found is None:
        raise fail(f"no poll {poll_id}")
    if format == "text":
        _print(found, settings)
        return
    data = {"csv": _csv, "xlsx": _xlsx, "png": lambda r: _png(r, settings)}[format](found)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    out.write_bytes(data)
    typer.echo(f"wrote the results of poll {poll_id} to {out}", err=True)


def _print(found: Results, settings: Settings) -> None:
    console = Console()
    poll = found.poll
    console.print(f"poll {poll.id} ({poll.status}, closes {local(poll.closes_at, settings)})")
    console.print(found.question, markup=False)
    turnout = f"{found.turnout:.0%}" if found.turnout is not None else "—"
    residents = "resident" if found.recipients == 1 else "residents"
    console.print(
        f"{found.voters} votes: {found.residents.voters} of {found.recipients} {residents} who "
        f"received the poll (turnout {turnout}), {found.groups.voters} in {found.group_polls} "
        "youth groups"
    )
    header, rows = poll_results.table(found)
    table = Table(*header)
    for row in rows:
        table.add_row(*(str(cell) for cell in row))
    console.print(table)


def _csv(found: Results) -> bytes:
    return tabular.to_csv(poll_results.sheets(found)[0])


def _xlsx(found: Results) -> bytes:
    return tabular.to_xlsx(*poll_results.sheets(found))


def _png(found: Results, settings: Settings) -> bytes:
    from bot.i18n import build_i18n
    from bot.presentation.polls import chart_caption
    from bot.services.polls.chart import chart_data, render_png

    i18n = build_i18n(settings.default_language)
    with i18n.context(), i18n.use_locale(settings.default_language):
        caption = chart_caption(found)
    return render_png(chart_data(found, caption))
