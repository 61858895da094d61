"""The `stadtstimme` command: one module per command group, assembled by `command_tree`.

Groups import what they need when they run, so `stadtstimme --help` and the database commands
start without loading aiogram (tests/unit/test_cli_start_up.py).
"""

from __future__ import annotations

import typer

# Shared by every group's module (`from bot.cli import fail, settings_or_exit`).
from bot.cli.exits import fail, run_async, settings_or_exit

__all__ = ["app", "command_tree", "fail", "main", "run_async", "settings_or_exit"]

app = typer.Typer(help="Stadtstimme – the participation bot of Duisburg.", no_args_is_help=True)


def command_tree() -> typer.Typer:
    """The main command with every sub-command registered (once; the audit test walks it)."""
    from bot.cli.announce import register as register_announce
    from bot.cli.budget import register as register_budget
    from bot.cli.dashboard import register as register_dashboard
    from bot.cli.db import register as register_db
    from bot.cli.i18n import register as register_i18n
    from bot.cli.ideas import register as register_ideas
    from bot.cli.info import info_app
    from bot.cli.meetings import register as register_meetings
    from bot.cli.polls import register as register_polls
    from bot.cli.run import register as register_run
    from bot.cli.staff import register as register_staff
    from bot.cli.users import register as register_users
    from bot.cli.volunteer import register as register_volunteer

    if any(group.typer_instance is info_app for group in app.registered_groups):
        return app
    register_run(app)
    register_i18n(app)
    app.add_typer(info_app, name="info")
    register_announce(app)
    register_dashboard(app)
    register_db(app)
    register_budget(app)
    register_ideas(app)
    register_meetings(app)
    register_polls(app)
    register_staff(app)
    register_users(app)
    register_volunteer(app)
    return app


def main() -> None:
    """Entry point of the console script."""
    command_tree()(prog_name="stadtstimme")


if __name__ == "__main__":
    main()
