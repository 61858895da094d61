"""`stadtstimme volunteer …`: volunteering opportunities (Ehrenamt); `volunteer orgs …` lives in
bot/cli/volunteer_orgs.py."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from bot.cli import fail, settings_or_exit
from bot.cli.support import database_session, local, opened, run_db
from bot.cli.volunteer_orgs import orgs_app
from bot.config import Settings
from bot.services import tabular
from bot.services.audit import CLI_OPERATOR
from bot.services.clock import SystemClock
from bot.services.volunteering import checks, files, opportunities, publishing
from bot.services.volunteering import export as volunteer_export
from bot.services.volunteering.opportunities import VolunteerError, text_of

volunteer_app = typer.Typer(help="Ehrenamt: volunteering opportunities.", no_args_is_help=True)
MAX_BYTES = 64_000


def register(app: typer.Typer) -> None:
    """Add `volunteer` (with `volunteer orgs`, bot/cli/volunteer_orgs.py) to the main command."""
    volunteer_app.add_typer(orgs_app, name="orgs")
    app.add_typer(volunteer_app, name="volunteer")


def deep_link(settings: Settings, opportunity_id: int) -> str:
    """The link that opens the opportunity's card in Telegram."""
    return f"https://t.me/{settings.bot_username}?start=v{opportunity_id}"


def _read(path: Path) -> str:
    try:
        with path.open("rb") as opened_file:
            data = opened_file.read(MAX_BYTES + 1)
    except OSError as error:
        raise fail(f"{path}: {error.strerror or error}") from None
    if len(data) > MAX_BYTES:
        raise fail(f"{path}: larger than {MAX_BYTES // 1000} kB")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise fail(f"{path}: not UTF-8 text") from None


@volunteer_app.command("add")
def add(
    file: Path = typer.Option(..., "--file", metavar="YAML", help="opportunity.yaml."),
) -> None:
    """Publish an opportunity from a YAML file; prints its id and link."""
    settings = settings_or_exit()
    try:
        data = files.from_yaml(_read(file), settings.zone)
        checks.check(data, SystemClock().now())
    except VolunteerError as error:
        raise fail(f"{file}: {error}") from None

    async def store() -> int:
        from bot.presentation.volunteering_alerts import new_opportunity

        async with opened(settings) as runtime, runtime.session_factory() as session:
            try:
                created = await publishing.publish(
                    session, runtime.clock, data, actor=CLI_OPERATOR,
                    alert=new_opportunity(runtime.i18n), default=settings.default_language,
                )  # fmt: skip
            except VolunteerError as error:
                raise fail(f"{file}: {error}") from None
            return created.id

    opportunity_id = run_db(store())
    if opportunity_id is not None:
        typer.echo(f"{opportunity_id}\t{deep_link(settings, opportunity_id)}")


@volunteer_app.command("list")
def list_opportunities() -> None:
    """Every opportunity, newest first: id, status, district, organisation, title, valid until."""
    settings = settings_or_exit()

    async def load() -> list[str]:
        async with database_session(settings) as session:
            return [
                f"{o.id}\t{o.status}\t{o.district}\t{org.name}\t{text_of(o.title, 'de')}\t"
                f"{local(o.valid_until, settings)}"
                for o, org in await opportunities.all_of(session)
            ]

    for line in run_db(load()) or []:
        typer.echo(line)


@volunteer_app.command("close")
def close(opportunity_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Close an opportunity: no longer listed, no more interest taken."""
    settings = settings_or_exit()

    async def run() -> bool:
        async with database_session(settings) as session:
            closed = await publishing.close(
                session, SystemClock(), opportunity_id, actor=CLI_OPERATOR
            )
            return closed is not None

    if not run_db(run()):
        raise fail(f"no open opportunity {opportunity_id}")
    typer.echo(f"{opportunity_id}\tclosed")


@volunteer_app.command("export")
def export(
    format: str = typer.Option("csv", "--format", help="csv or xlsx."),
    out: Path | None = typer.Option(None, "--out", metavar="FILE", help="Default: stdout (CSV)."),
) -> None:
    """Interest per opportunity as counts (no personal data), CSV or XLSX."""
    if format not in ("csv", "xlsx"):
        raise fail("--format: expected csv or xlsx")
    if format == "xlsx" and out is None:
        raise fail("--format xlsx needs --out FILE")
    settings = settings_or_exit()

    async def load() -> tabular.Sheet:
        async with database_session(settings) as session:
            return await volunteer_export.sheet(session, SystemClock(), actor=CLI_OPERATOR)

    sheet = run_db(load())
    if sheet is None:
        return
    data = tabular.to_csv(sheet) if format == "csv" else tabular.to_xlsx(sheet)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    try:
        out.write_bytes(data)
    except OSError as error:
        raise fail(f"{out}: {error.strerror or error}") from None
    typer.echo(f"wrote {out}", err=True)
