"""The `stadtstimme` command."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

import typer
from rich.console import Console

from bot.config import Settings, SettingsError, load_settings, webhook_credentials
from bot.logs import setup_logging

app = typer.Typer(help="Stadtstimme – the participation bot of Duisburg.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
i18n_app = typer.Typer(help="Translation catalogs.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(i18n_app, name="i18n")


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print one line to stderr and return the exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def settings_or_exit(*, sandbox: bool = False) -> Settings:
    """Load settings; a wrong value exits with status 2 and one line.

    With a BOT_TOKEN every command but the sandbox needs POLL_SECRET: any of them may write,
    count or erase real votes (run, polls, users delete), so one rule holds for all.
    """
    try:
        settings = load_settings()
        if not sandbox:
            settings.check_poll_secret()
    except SettingsError as error:
        raise fail(str(error)) from None
    token = settings.bot_token.get_secret_value() if settings.bot_token else ""
    setup_logging(settings.log_level, secrets=(token,))
    return settings


def run_async(coroutine: Coroutine[Any, Any, Any]) -> Any:
    """Run a coroutine; a start-up error becomes one line and exit status 2."""
    from bot.runner import StartupError

    try:
        return asyncio.run(coroutine)
    except StartupError as error:
        raise fail(str(error)) from None
    except KeyboardInterrupt:
        return None


@app.command()
def run(
    webhook: bool = typer.Option(False, "--webhook", help="Serve a webhook (aiohttp)."),
) -> None:
    """Run the bot (long polling, or --webhook). Without BOT_TOKEN, plain `run`: the sandbox."""
    settings = settings_or_exit()
    if webhook:
        try:
            token, _secret = webhook_credentials(settings)
        except SettingsError as error:
            raise fail(str(error)) from None
        from bot.runner import run_webhook

        run_async(run_webhook(settings, token))
        return None
    if settings.bot_token is None:
        return sandbox()
    from bot.runner import run_polling

    run_async(run_polling(settings, settings.bot_token.get_secret_value()))
    return None


@app.command()
def sender() -> None:
    """Run only the outbox sender (beside webhook workers); one is active, others stand by."""
    settings = settings_or_exit()
    if settings.bot_token is None:
        raise fail("BOT_TOKEN is needed to send")
    from bot.runner import run_sender

    run_async(run_sender(settings, settings.bot_token.get_secret_value()))


@app.command()
def sandbox() -> None:
    """Fake Telegram, the bot and a web chat at http://127.0.0.1:8080 — no token needed."""
    settings = settings_or_exit(sandbox=True)
    from bot.sandbox.run import run_sandbox

    run_async(run_sandbox(settings))


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Apply all migrations to DATABASE_URL."""
    settings = settings_or_exit()
    from db import migrate
    from db.session import create_engine

    async def upgrade() -> str | None:
        engine = create_engine(settings.database_url)
        try:
            await migrate.upgrade(engine)
            return await migrate.current_revision(engine)
        finally:
            await engine.dispose()

    try:
        revision = run_async(upgrade())
    except OSError as error:
        raise fail(f"cannot reach the database: {error.strerror or error}") from None
    Console().print(f"database is at revision {revision}")


@i18n_app.command("extract")
def i18n_extract() -> None:
    """Collect msgids from the code into locales/messages.pot."""
    from bot.i18n_tools import extract

    Console().print(f"wrote {extract()}")


@i18n_app.command("update")
def i18n_update() -> None:
    """Merge messages.pot into every language's catalog."""
    from bot.i18n_tools import update

    update()


@i18n_app.command("compile")
def i18n_compile() -> None:
    """Build the .mo files."""
    from bot.i18n import compile_catalogs

    Console().print(f"compiled: {', '.join(compile_catalogs(force=True)) or 'nothing'}")


@i18n_app.command("isolate")
def i18n_isolate() -> None:
    """Wrap commands, Latin names, phone numbers and dates in right-to-left catalogs in isolates."""
    from bot.i18n_tools import isolate_rtl

    Console().print(f"isolated: {', '.join(isolate_rtl()) or 'nothing to do'}")


@i18n_app.command("check")
def i18n_check() -> None:
    """Fail unless every catalog is complete, not fuzzy, with matching placeholders and HTML."""
    from bot.i18n_tools import check

    problems = check()
    for problem in problems:
        Console(stderr=True).print(problem, highlight=False, markup=False)
    if problems:
        raise typer.Exit(1)
    Console().print("all catalogs complete")


@i18n_app.command("du-stamp")
def i18n_du_stamp() -> None:
    """After updating the du texts to the German ones: record which German text each follows."""
    from bot.i18n_informal import stamp

    Console().print(f"du entries stamped: {stamp()}")


def command_tree() -> typer.Typer:
    """The main command with every sub-command registered (once; the audit test walks it)."""
    from bot.cli_announce import register as register_announce
    from bot.cli_ideas import register as register_ideas
    from bot.cli_info import info_app
    from bot.cli_meetings import register as register_meetings
    from bot.cli_polls import register as register_polls
    from bot.cli_staff import register as register_staff
    from bot.cli_users import register as register_users

    if any(group.typer_instance is info_app for group in app.registered_groups):
        return app
    app.add_typer(info_app, name="info")
    register_announce(app)
    register_ideas(app)
    register_meetings(app)
    register_polls(app)
    register_staff(app)
    register_users(app)
    return app


def main() -> None:
    """Entry point of the console script."""
    command_tree()(prog_name="stadtstimme")


if __name__ == "__main__":
    main()
