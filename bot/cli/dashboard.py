"""`stadtstimme dashboard` serves the staff dashboard alone; `dashboard link ID` prints a
one-time sign-in link for a staff member (for an admin at the server)."""

from __future__ import annotations

import typer
from rich.console import Console

from bot.cli.exits import fail, run_async, settings_or_exit
from bot.cli.support import database_session, run_db
from bot.services import audit
from bot.services import dashboard_access as access
from bot.services.clock import SystemClock
from bot.services.staff import StaffService

dashboard_app = typer.Typer(help="The staff dashboard in a browser.")


def register(app: typer.Typer) -> None:
    """Add `dashboard` to the main command."""
    app.add_typer(dashboard_app, name="dashboard")


@dashboard_app.callback(invoke_without_command=True)
def serve(context: typer.Context) -> None:
    """Serve the dashboard on DASHBOARD_HOST:DASHBOARD_PORT (default 127.0.0.1:8081)."""
    if context.invoked_subcommand is not None:
        return
    settings = settings_or_exit()
    from bot.dashboard.serve import serve as serve_dashboard

    run_async(serve_dashboard(settings))


@dashboard_app.command("link")
def link(telegram_id: int = typer.Argument(..., help="The staff member's Telegram id.")) -> None:
    """Print a one-time sign-in link (10 minutes) for a staff member; logged."""
    settings = settings_or_exit()

    async def issue() -> str | None:
        async with database_session(settings) as session:
            clock = SystemClock()
            staff = StaffService(session, settings.admin_ids, clock)
            return await access.issue_link(
                session, clock, staff, telegram_id, actor=audit.CLI_OPERATOR
            )

    token = run_db(issue())
    if token is None:
        raise fail(f"{telegram_id} has no staff role; add one with `stadtstimme staff add`")
    Console().print(access.login_url(settings, token), highlight=False, soft_wrap=True)
