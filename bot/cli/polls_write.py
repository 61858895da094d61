"""The writing `polls` commands: add from YAML, close (they load the bot's catalogs)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import typer
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.exits import fail
from bot.cli.support import local, run_db
from bot.cli.translate_option import translate_or_exit
from bot.config import Settings
from bot.services.clock import SystemClock
from bot.services.polls.input import PollDraft, PollError
from bot.services.polls.translation import translate_draft
from bot.services.polls.yaml_files import PollFileError, parse
from bot.services.translation.drafts import Filled
from bot.services.translation.engine import Translator
from db.models import PollStatus

CLI_OPERATOR = 0  # the shell has no Telegram id


def add_poll(settings: Settings, text: str, file: Path, *, translate: bool = False) -> None:
    """Validate the file, store the poll and queue it (with --translate: every missing
    language machine-translated first); print its id."""
    from bot.cli.support import opened
    from bot.services.polls import lifecycle as polls

    try:
        draft = parse(text, settings.zone, datetime.now(UTC))
    except PollFileError as error:
        raise fail(f"{file}: {error}") from None
    if translate:
        draft = _translated(settings, draft)

    async def create() -> tuple[int, PollStatus]:
        async with opened(settings) as runtime, runtime.session_factory() as session:
            poll = await polls.create(
                session, SystemClock(), draft, CLI_OPERATOR,
                default_language=settings.default_language,
            )  # fmt: skip
            return poll.id, poll.status

    poll_id, status = run_db(create())
    typer.echo(poll_id)
    when = (
        "queued now" if status == PollStatus.OPEN else f"starts {local(draft.starts_at, settings)}"
    )
    typer.echo(f"poll {poll_id}: {when}; closes {local(draft.closes_at, settings)}", err=True)


def _translated(settings: Settings, draft: PollDraft) -> PollDraft:
    """The draft with every missing variant machine-translated (said on the terminal)."""

    async def fill(session: AsyncSession, translator: Translator) -> Filled:
        nonlocal draft
        questions, options, filled = await translate_draft(
            session, translator, draft.questions, draft.options
        )
        draft = replace(
            draft, questions=questions, options=options, machine=frozenset(filled.versions)
        )
        return filled

    translate_or_exit(settings, fill)
    return draft


def close_poll(settings: Settings, poll_id: int, push: bool) -> None:
    """Close a poll now and queue the stops (and results, if asked)."""
    from bot.cli.support import opened
    from bot.presentation.polls import renderer
    from bot.services.polls import closing as poll_closing

    async def close() -> None:
        async with opened(settings) as runtime, runtime.session_factory() as session:
            await poll_closing.close(
                session, SystemClock(), poll_id, settings.poll_key,
                renderer(runtime.i18n, settings.dashboard_url),
                actor=CLI_OPERATOR, push_results=push or None,
            )  # fmt: skip

    try:
        run_db(close())
    except PollError as error:
        raise fail(f"poll {poll_id}: {error}") from None
    typer.echo(f"poll {poll_id} closed" + (" (results queued)" if push else ""), err=True)


def rekey_votes(settings: Settings) -> None:
    """Move the votes keyed with the BOT_TOKEN to POLL_SECRET; print the counts."""
    from bot.cli.support import opened
    from bot.services.polls import rekey as poll_rekey

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
