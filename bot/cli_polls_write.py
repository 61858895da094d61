"""The writing `polls` commands: add from YAML, close (they load the bot's catalogs)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import typer

from bot.cli import fail
from bot.cli_support import local, run_db
from bot.config import Settings
from bot.services.clock import SystemClock
from bot.services.poll_input import PollError
from bot.services.poll_yaml import PollFileError, parse

CLI_OPERATOR = 0  # the shell has no Telegram id


def add_poll(settings: Settings, text: str, file: Path) -> None:
    """Validate the file, store the poll and queue it; print its id."""
    from bot.cli_support import opened
    from bot.services import polls

    try:
        draft = parse(text, settings.zone, datetime.now(UTC))
    except PollFileError as error:
        raise fail(f"{file}: {error}") from None

    async def create() -> tuple[int, str]:
        async with opened(settings) as runtime, runtime.session_factory() as session:
            poll = await polls.create(
                session, SystemClock(), draft, CLI_OPERATOR,
                default_language=settings.default_language,
            )  # fmt: skip
            return poll.id, poll.status

    poll_id, status = run_db(create())
    typer.echo(poll_id)
    when = "queued now" if status == "open" else f"starts {local(draft.starts_at, settings)}"
    typer.echo(f"poll {poll_id}: {when}; closes {local(draft.closes_at, settings)}", err=True)


def close_poll(settings: Settings, poll_id: int, push: bool) -> None:
    """Close a poll now and queue the stops (and results, if asked)."""
    from bot.cli_support import opened
    from bot.poll_texts import renderer
    from bot.services import poll_closing

    async def close() -> None:
        async with opened(settings) as runtime, runtime.session_factory() as session:
            await poll_closing.close(
                session, SystemClock(), poll_id, settings.poll_key, renderer(runtime.i18n),
                actor=CLI_OPERATOR, push_results=push or None,
            )  # fmt: skip

    try:
        run_db(close())
    except PollError as error:
        raise fail(f"poll {poll_id}: {error}") from None
    typer.echo(f"poll {poll_id} closed" + (" (results queued)" if push else ""), err=True)


def rekey_votes(settings: Settings) -> None:
    """Move the votes keyed with the BOT_TOKEN to POLL_SECRET; print the counts."""
    from bot.cli_support import opened
    from bot.services import poll_rekey

    if settings.bot_token is None:
        raise fail("BOT_TOKEN: not set; the old votes were keyed with it, so it is needed here")
    old_key = settings.bot_token.get_secret_value().encode()

    async def rekey() -> poll_rekey.Rekeyed:
        async with opened(settings) as runtime, runtime.session_factory() as session:
            return await poll_rekey.rekey(
                session, SystemClock(), old_key, settings.poll_key, actor=CLI_OPERATOR
            )

    done = run_db(rekey())
    typer.echo(
        f"re-keyed {done.votes} votes in {done.polls} polls; {done.unmatched} votes matched no "
        "current resident and stay as they are (their people were deleted — they can't be "
        "linked by anyone with the new key either)"
    )
    if done.superseded:
        typer.echo(
            f"{done.superseded} old votes were dropped: their people have voted again since "
            "the upgrade, and that newer vote counts"
        )
