"""What every command group needs first: its settings, and a one-line failure with an exit status.

Its own module, so the command groups import it without importing the package that assembles them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any

import typer

from bot.config import Settings, SettingsError, load_settings
from bot.logs import setup_logging


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
    setup_logging(settings.log_level, secrets=(token,), log_format=settings.log_format)
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
