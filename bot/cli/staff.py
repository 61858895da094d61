"""`stadtstimme staff add|remove|list` and `stadtstimme audit [--since]`: staff and their log."""

from __future__ import annotations

from datetime import UTC, date, datetime

import typer
from rich.console import Console
from rich.table import Table

from bot.cli.exits import fail, settings_or_exit
from bot.cli.support import database_session, local, run_db
from bot.services import audit
from bot.services.clock import SystemClock
from bot.services.staff import ROLES, StaffError, StaffService

staff_app = typer.Typer(help="Staff members and their roles.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add `staff` and `audit` to the main command."""
    app.add_typer(staff_app, name="staff")
    app.command("audit")(show_audit)


def _change(telegram_id: int, role: str | None) -> str | None:
    """Set (role) or remove (None) as the CLI operator; one transaction, logged."""
    settings = settings_or_exit()

    async def change() -> str | None:
        async with database_session(settings) as session:
            service = StaffService(session, settings.admin_ids, SystemClock())
            if role is None:
                return await service.remove(telegram_id, actor=audit.CLI_OPERATOR)
            return await service.set_role(telegram_id, role, actor=audit.CLI_OPERATOR)

    try:
        return run_db(change())
    except StaffError as error:
        raise fail(str(error)) from None


@staff_app.command("add")
def add(
    telegram_id: int = typer.Argument(..., metavar="TELEGRAM_ID"),
    role: str = typer.Argument(..., metavar="ROLE", help=f"One of: {', '.join(ROLES)}."),
) -> None:
    """Give a person a staff role (or change it)."""
    if role not in ROLES:
        raise fail(f"ROLE: expected one of {', '.join(ROLES)}")
    before = _change(telegram_id, role)
    if before == role:
        typer.echo(f"{telegram_id} already is {role}")
    elif before is None:
        typer.echo(f"{telegram_id} is now {role}")
    else:
        typer.echo(f"{telegram_id}: {before} → {role}")


@staff_app.command("remove")
def remove(telegram_id: int = typer.Argument(..., metavar="TELEGRAM_ID")) -> None:
    """Take a person's staff role away."""
    before = _change(telegram_id, None)
    if before is None:
        raise fail(f"{telegram_id} is not a staff member", code=1)
    typer.echo(f"{telegram_id} is no longer {before}")


@staff_app.command("list")
def list_staff() -> None:
    """Staff with their roles; ADMIN_IDS from the settings first."""
    settings = settings_or_exit()

    async def load() -> list[tuple[int, str, str]]:
        async with database_session(settings) as session:
            roster = await StaffService(session, settings.admin_ids, SystemClock()).roster()
            return [
                (entry.telegram_id, entry.role,
                 local(entry.since, settings) if entry.since else "ADMIN_IDS")
                for entry in roster
            ]  # fmt: skip

    rows = run_db(load()) or []
    table = Table("Telegram id", "role", "since")
    for telegram_id, role, since in rows:
        table.add_row(str(telegram_id), role, since)
    Console().print(table)
    Console().print(f"{len(rows)} staff members")


def show_audit(
    since: str | None = typer.Option(None, "--since", metavar="DATE", help="YYYY-MM-DD (UTC)."),
) -> None:
    """Every staff action: time, actor, action, target, before → after (oldest first)."""
    start = None
    if since is not None:
        try:
            start = datetime.combine(date.fromisoformat(since), datetime.min.time(), UTC)
        except ValueError:
            raise fail("--since: expected a date like 2026-11-01") from None
    settings = settings_or_exit()

    async def load() -> list[tuple[str, ...]]:
        async with database_session(settings) as session:
            entries = await audit.entries(session, since=start)
            return [
                (local(e.created_at, settings), audit.actor_label(e.actor), e.action, e.target,
                 e.before or "—", e.after or "—")
                for e in entries
            ]  # fmt: skip

    rows = run_db(load()) or []
    table = Table("time", "actor", "action", "target", "before", "after")
    for row in rows:
        table.add_row(*row)
    Console(width=200).print(table)
    Console().print(f"{len(rows)} entries")
