"""`stadtstimme volunteer orgs …`: the organisations that offer volunteering."""

from __future__ import annotations

import typer

from bot.cli import fail, settings_or_exit
from bot.cli.support import database_session, opened, run_db
from bot.services.audit import CLI_OPERATOR
from bot.services.clock import SystemClock
from bot.services.volunteering import orgs
from bot.services.volunteering.orgs import OrgError

orgs_app = typer.Typer(help="Organisations that offer volunteering.", no_args_is_help=True)


@orgs_app.command("add")
def orgs_add(
    name: str = typer.Option(..., "--name", help="The organisation's name."),
    website: str | None = typer.Option(None, "--website", help="https://…"),
    contact: str | None = typer.Option(None, "--contact", help="Public contact (e-mail, phone)."),
    description: str | None = typer.Option(None, "--description", help="Short German text."),
) -> None:
    """Register an organisation; prints its id."""
    settings = settings_or_exit()

    async def run() -> int:
        async with database_session(settings) as session:
            try:
                org = await orgs.add(
                    session, SystemClock(), name=name, website=website, contact=contact,
                    description={"de": description} if description else None,
                    actor=CLI_OPERATOR,
                )  # fmt: skip
            except OrgError as error:
                raise fail(str(error)) from None
            return org.id

    org_id = run_db(run())
    if org_id is not None:
        typer.echo(str(org_id))


@orgs_app.command("list")
def orgs_list() -> None:
    """Active organisations: id, name, website, whether a group is their inbox."""
    settings = settings_or_exit()

    async def load() -> list[str]:
        async with database_session(settings) as session:
            return [
                f"{org.id}\t{org.name}\t{org.website or '—'}\t"
                + ("own group" if org.inbox_chat_id is not None else "staff chat")
                for org in await orgs.active(session)
            ]

    for line in run_db(load()) or []:
        typer.echo(line)


@orgs_app.command("remove")
def orgs_remove(org_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Remove an organisation; its open opportunities close, its conversations end."""
    settings = settings_or_exit()

    async def run() -> list[int]:
        from bot.presentation.volunteering import org_removed, org_removed_for_inbox

        async with opened(settings) as runtime, runtime.session_factory() as session:
            default = settings.default_language
            try:
                return await orgs.remove(
                    session, runtime.clock, org_id, actor=CLI_OPERATOR,
                    staff_chat_id=settings.staff_chat_id,
                    notice=org_removed(runtime.i18n, default),
                    inbox_notice=org_removed_for_inbox(runtime.i18n, default),
                )  # fmt: skip
            except OrgError as error:
                raise fail(str(error)) from None

    closed = run_db(run())
    if closed is not None:
        typer.echo(f"{org_id}\tremoved; closed opportunities: {len(closed)}")
