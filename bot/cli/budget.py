"""`stadtstimme budget …`: the Bürgerhaushalt for staff — processes, projects, codes, ballots,
results. Every change and export is audited; no command loads aiogram."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TypeVar

import typer
from rich.console import Console
from rich.table import Table

from bot.cli import fail, settings_or_exit
from bot.cli.support import database_session, run_db
from bot.config import Settings
from bot.services import audit, tabular
from bot.services.budget import codes as budget_codes
from bot.services.budget import overview, paper, processes, projects, spec
from bot.services.budget import results as budget_results
from bot.services.clock import SystemClock
from db.models import BudgetPhase, BudgetProcess

budget_app = typer.Typer(help="Bürgerhaushalt (participatory budget).", no_args_is_help=True)
ballots_app = typer.Typer(help="Paper ballots.", no_args_is_help=True)
budget_app.add_typer(ballots_app, name="ballots")
PHASES = tuple(p.value for p in BudgetPhase if p != BudgetPhase.DRAFT)
T = TypeVar("T")


def register(app: typer.Typer) -> None:
    """Add `budget` to the main command."""
    from bot.cli.budget_proposals import register as register_proposals
    from bot.cli.budget_results import results
    from bot.cli.budget_update import update

    if not any(command.name == "results" for command in budget_app.registered_commands):
        budget_app.command("results")(results)
        budget_app.command(
            "update",
            context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
        )(update)
    register_proposals(budget_app)
    app.add_typer(budget_app, name="budget")


def _read(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise fail(f"cannot read {file}: {getattr(error, 'strerror', None) or error}") from None


SHOWN_ERRORS = 20


def _refuse(errors: list[str], file: Path) -> typer.Exit:
    """Each refused line (the first SHOWN_ERRORS), then that nothing was imported."""
    for line in errors[:SHOWN_ERRORS]:
        typer.echo(f"error: {line}", err=True)
    more = len(errors) - SHOWN_ERRORS
    hidden = f" ({more} more refused lines not shown)" if more > 0 else ""
    return fail(f"{len(errors)} refused lines{hidden} — nothing imported from {file}")


async def _process(settings: Settings, process_id: int) -> BudgetProcess:
    async with database_session(settings) as session:
        process = await session.get(BudgetProcess, process_id)
    if process is None:
        raise fail(f"no budget process {process_id}")
    return process


@budget_app.command("add")
def add(file: Path = typer.Option(..., "--file", help="The process as YAML (see README).")) -> None:
    """Create a process from budget.yaml; prints its id."""
    settings = settings_or_exit()
    checked = spec.parse(_read(file), settings.zone)
    if isinstance(checked, list):
        for line in checked[:-1]:
            typer.echo(f"error: {line}", err=True)
        raise fail(checked[-1])

    async def store() -> int:
        async with database_session(settings) as session:
            return await processes.create(session, SystemClock(), checked, actor=audit.CLI_OPERATOR)

    typer.echo(run_db(store()))


@budget_app.command("phase")
def phase(
    process_id: int = typer.Argument(..., metavar="ID"),
    to: str = typer.Argument(..., metavar="|".join(PHASES)),
) -> None:
    """Move a process to a phase by hand."""
    if to not in PHASES:
        raise fail(f"phase: expected one of {', '.join(PHASES)}")
    settings = settings_or_exit()

    async def move() -> str:
        from bot.cli.budget_proposals import notifier

        async with database_session(settings) as session:
            result = await overview.move(
                session, SystemClock(), process_id, BudgetPhase(to), actor=audit.CLI_OPERATOR,
                notifier=notifier(settings),
            )  # fmt: skip
        if result is None:
            raise fail(f"no budget process {process_id}")
        if not result.moved and result.before.value != to:
            raise fail(
                f"budget process {process_id} is in {result.before.value}: phases only move "
                "forward (draft → proposals → review → voting → closed)"
            )
        return result.before.value

    before = run_db(move())
    typer.echo(f"budget process {process_id}: {before} → {to}")


@budget_app.command("projects")
def projects_command(
    first: str = typer.Argument(..., metavar="ID | import ID"),
    process_id: int | None = typer.Argument(None, metavar="", show_default=False),
    file: Path | None = typer.Option(
        None, "--file", help="With import: CSV code,cost,district,title_de,description_de"
    ),
) -> None:
    """`budget projects ID` lists the projects (code first); `budget projects import ID --file
    projects.csv` adds or updates them (one bad line refuses the whole file)."""
    if first == "import":
        if process_id is None or file is None:
            raise fail("usage: stadtstimme budget projects import ID --file projects.csv")
        return _import_projects(process_id, file)
    if not re.fullmatch(r"[0-9]{1,9}", first) or process_id is not None or file is not None:
        raise fail("usage: stadtstimme budget projects ID  (or: projects import ID --file F)")
    return _list_projects(int(first))


def _list_projects(process_id: int) -> None:
    settings = settings_or_exit()

    async def load() -> list[tuple[str, ...]]:
        async with database_session(settings) as session:
            if await session.get(BudgetProcess, process_id) is None:
                raise fail(f"no budget process {process_id}")
            found = await projects.listed(session, process_id)
            return [
                (p.code, f"{p.cost:,}" if p.cost else "—", p.district or "city", p.status,
                 budget_results.title_of(p.title))
                for p in found
            ]  # fmt: skip

    table = Table("code", "cost €", "district", "status", "title (de)")
    for row in run_db(load()):
        table.add_row(*row)
    Console().print(table)


def _import_projects(process_id: int, file: Path) -> None:
    settings = settings_or_exit()
    rows = projects.parse(_read(file))
    if rows and isinstance(rows[0], str):
        raise _refuse([str(row) for row in rows], file)

    async def store() -> tuple[int, int]:
        async with database_session(settings) as session:
            process = await session.get(BudgetProcess, process_id)
            if process is None:
                raise fail(f"no budget process {process_id}")
            if await projects.frozen(session, process):
                raise fail(
                    f"budget process {process_id} is in {process.phase} or has ballots: "
                    "projects are fixed"
                )
            checked = [row for row in rows if isinstance(row, projects.ProjectRow)]
            return await projects.import_rows(
                session, SystemClock(), process, checked, actor=audit.CLI_OPERATOR
            )

    added, updated = run_db(store())
    typer.echo(f"budget process {process_id}: {added} projects added, {updated} updated")


@budget_app.command("codes")
def codes(
    process_id: int = typer.Argument(..., metavar="ID"),
    count: int = typer.Option(..., "--count", min=1, max=1_000_000),
    out: Path = typer.Option(..., "--out", metavar="FILE"),
) -> None:
    """Make one-time voting codes, written once to FILE (only their hashes are stored)."""
    settings = settings_or_exit()
    if out.exists():
        raise fail(f"{out} exists: codes are shown once, choose a new file")

    async def check() -> None:
        async with database_session(settings) as session:
            process = await session.get(BudgetProcess, process_id)
            if process is None:
                raise fail(f"no budget process {process_id}")
            if not process.codes:
                raise fail(f"budget process {process_id} does not use codes (codes: false)")

    async def keep(made: list[str]) -> None:
        async with database_session(settings) as session:
            process = await session.get(BudgetProcess, process_id)
            assert process is not None  # checked above; processes are never deleted
            await budget_codes.store(
                session, SystemClock(), process, made, actor=audit.CLI_OPERATOR
            )

    run_db(check())
    made = budget_codes.batch(count)
    # The file first: codes stored but never written out could not be printed on any letter.
    sheet = tabular.to_csv(tabular.Sheet("codes", ["code"], [[code] for code in made]))
    try:
        with out.open("xb") as handle:
            handle.write(sheet)
    except OSError as error:
        raise fail(f"cannot write {out}: {error.strerror or error} — no codes stored") from None
    try:
        run_db(keep(made))
    except BaseException:
        out.unlink(missing_ok=True)  # not valid codes: nobody may print them
        raise
    typer.echo(f"wrote {len(made)} codes for budget process {process_id} to {out}")


@ballots_app.command("import")
def import_ballots(
    process_id: int = typer.Argument(..., metavar="ID"),
    file: Path = typer.Option(..., "--file", help="CSV: ballot,projects (codes, space between)"),
) -> None:
    """Count paper ballots; a ballot over budget or naming an unknown project refuses the file."""
    settings = settings_or_exit()
    text = _read(file)

    async def store() -> int | list[str]:
        async with database_session(settings) as session:
            process = await session.get(BudgetProcess, process_id)
            if process is None:
                raise fail(f"no budget process {process_id}")
            if process.phase != BudgetPhase.VOTING:
                raise fail(f"budget process {process_id} is in {process.phase}, not voting")
            on_ballot = await budget_results.on_ballot(session, process_id)
            checked = paper.parse(text, process, on_ballot)
            if checked and isinstance(checked[0], str):
                return [str(line) for line in checked]
            ballots = [b for b in checked if isinstance(b, paper.PaperBallot)]
            return await paper.import_ballots(
                session, SystemClock(), process, ballots, actor=audit.CLI_OPERATOR
            )

    outcome = run_db(store())
    if isinstance(outcome, list):
        raise _refuse(outcome, file)
    typer.echo(f"budget process {process_id}: {outcome} paper ballots imported")
