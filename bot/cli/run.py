"""`stadtstimme run`, `sender` and `sandbox`: the bot's processes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from bot.cli.exits import fail, run_async, settings_or_exit
from bot.config import Settings, SettingsError, webhook_credentials

if TYPE_CHECKING:
    from bot.runner import Beside


def register(app: typer.Typer) -> None:
    """Add `run`, `sender` and `sandbox` to the main command."""
    app.command()(run)
    app.command()(sender)
    app.command()(sandbox)


def run(
    webhook: bool = typer.Option(False, "--webhook", help="Serve a webhook (aiohttp)."),
    workers: int = typer.Option(
        1,
        "--workers",
        min=1,
        max=64,
        help="With --webhook: load once, then fork this many workers sharing the port.",
    ),
) -> None:
    """Run the bot (long polling, or --webhook). Without BOT_TOKEN, plain `run`: the sandbox."""
    settings = settings_or_exit()
    if workers > 1 and not webhook:
        raise fail("--workers needs --webhook")
    if workers > 1 and settings.is_sqlite:
        raise fail("--workers needs PostgreSQL (DATABASE_URL): SQLite serves one process")
    if webhook:
        try:
            token, _secret = webhook_credentials(settings)
        except SettingsError as error:
            raise fail(str(error)) from None
        if workers > 1:
            from bot.prefork import run_forked

            raise typer.Exit(run_forked(settings, token, workers, beside_bot(settings)))
        from bot.runner import run_webhook

        run_async(run_webhook(settings, token, beside_bot(settings)))
        return None
    if settings.bot_token is None:
        return sandbox()
    from bot.runner import run_polling

    run_async(run_polling(settings, settings.bot_token.get_secret_value(), beside_bot(settings)))
    return None


def beside_bot(settings: Settings) -> Beside | None:
    """The dashboard in the bot's process when DASHBOARD_ENABLED says so (docs/DASHBOARD.md)."""
    if not settings.serves_dashboard:
        return None
    from bot.dashboard.serve import beside_bot as dashboard

    return dashboard


def sender() -> None:
    """Run only the outbox sender (beside webhook workers); one is active, others stand by."""
    settings = settings_or_exit()
    if settings.bot_token is None:
        raise fail("BOT_TOKEN is needed to send")
    from bot.runner import run_sender

    run_async(run_sender(settings, settings.bot_token.get_secret_value()))


def sandbox() -> None:
    """Fake Telegram, the bot and a web chat at http://127.0.0.1:8080 — no token needed."""
    settings = settings_or_exit(sandbox=True)
    from bot.sandbox.run import run_sandbox

    run_async(run_sandbox(settings))
