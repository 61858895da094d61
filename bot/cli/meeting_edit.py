"""`stadtstimme meetings edit ID`: title, description (per language) and places of a meeting."""

from __future__ import annotations

import typer

from bot.cli.exits import fail, settings_or_exit
from bot.cli.support import opened, run_db
from bot.config import Settings
from bot.services import audit
from bot.services.clock import SystemClock
from bot.services.meetings import edits as meeting_edits
from bot.services.meetings.edits import Edit, Outcome
from bot.services.meetings.lifecycle import MeetingError

TEXT_HELP = "LANG=TEXT, repeatable (e.g. de=… tr=…); LANG=- removes a translation."


def _texts(name: str, values: list[str]) -> dict[tuple[str, str], str | None]:
    texts: dict[tuple[str, str], str | None] = {}
    for value in values:
        language, equals, text = value.partition("=")
        if not equals:
            raise fail(f"--{name} {value!r}: expected LANG=TEXT, e.g. de=Bürgerforum Hamborn")
        texts[name, language.strip()] = text
    return texts


def _shown(what: str, value: object) -> str:
    if value is None:
        return "no limit" if what == "capacity" else "—"
    return str(value)


async def _apply(settings: Settings, meeting_id: int, edit: Edit) -> Outcome:
    from bot.presentation.meetings import notice_renderer

    async with opened(settings) as runtime, runtime.session_factory() as session:
        render = notice_renderer(runtime.i18n, settings.zone)
        try:
            return await meeting_edits.apply(
                session, SystemClock().now(), meeting_id, edit, actor=audit.CLI_OPERATOR,
                render=render, default_language=settings.default_language,
            )  # fmt: skip
        except MeetingError as error:
            raise fail(f"meeting {meeting_id}: {error}") from None


def edit(
    meeting_id: int = typer.Argument(..., metavar="ID"),
    title: list[str] = typer.Option([], "--title", metavar="LANG=TEXT", help=TEXT_HELP),
    description: list[str] = typer.Option([], "--description", metavar="LANG=TEXT", help=TEXT_HELP),
    capacity: int | None = typer.Option(
        None, "--capacity", metavar="N", help="Places (more move the waiting list up)."
    ),
    no_limit: bool = typer.Option(False, "--no-limit", help="No limit on places."),
) -> None:
    """Change texts or places; registered people are not told of text changes (audited)."""
    if capacity is not None and no_limit:
        raise fail("--capacity and --no-limit exclude each other")
    texts = {**_texts("title", title), **_texts("description", description)}
    if not texts and capacity is None and not no_limit:
        raise fail("nothing to change: give --title, --description, --capacity or --no-limit")
    settings = settings_or_exit()
    outcome = run_db(_apply(settings, meeting_id, Edit(texts, capacity, no_limit)))
    if outcome is None:
        return
    for what, before, after in outcome.changes:
        typer.echo(f"{what}: {_shown(what, before)} → {_shown(what, after)}")
    if outcome.promoted:
        typer.echo(f"moved up from the waiting list (each told): {outcome.promoted}")
    if not outcome.changes:
        typer.echo("nothing changed")
