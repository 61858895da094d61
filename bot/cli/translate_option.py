"""`--translate` of `announce`, `polls add` and `meetings add`: the German machine-translated
into every language without a version (TRANSLATE_PROVIDER), marked as machine-made."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace

import typer
from rich.console import Console
from sqlalchemy.ext.asyncio import AsyncSession

from bot.cli.exits import fail
from bot.cli.support import INTERRUPTED, database_session, run_db
from bot.config import Settings
from bot.services.meetings.lifecycle import MeetingInput
from bot.services.meetings.translation import translate_texts
from bot.services.translation.drafts import Filled
from bot.services.translation.engine import Translator
from bot.translation import build_translator

TRANSLATE_HELP = (
    "Machine-translate the German into every language without a version "
    "(TRANSLATE_PROVIDER); those versions are marked machine-translated and their readers see "
    "a short note."
)
# The use case that fills a draft's versions: (session, translator) -> what it filled.
Fill = Callable[[AsyncSession, Translator], Awaitable[Filled]]


def translator_or_exit(settings: Settings) -> Translator:
    """The configured provider's client; exits when none is configured (nothing faked)."""
    translator = build_translator(settings)
    if translator is None:
        raise fail(
            "--translate: machine translation is not configured (TRANSLATE_PROVIDER=none); "
            "add the other languages' texts yourself instead"
        )
    return translator


def translate_or_exit(settings: Settings, fill: Fill) -> Filled:
    """Run `fill` with the provider and say what it made and what is missing."""
    translator = translator_or_exit(settings)

    async def run() -> Filled:
        async with database_session(settings) as session:
            return await fill(session, translator)

    filled = run_db(run())
    if filled is None:
        raise typer.Exit(INTERRUPTED)
    report(filled)
    return filled


def report(filled: Filled) -> None:
    """The languages machine-translated, and a warning naming those left without a version (on
    stderr: stdout stays what the command prints anyway, e.g. `polls add`'s id)."""
    console = Console(stderr=True, highlight=False)
    if filled.versions:
        console.print(f"machine-translated: {' '.join(sorted(filled.versions))}", markup=False)
    if filled.missing:
        console.print(
            f"warning: not translated (the provider could not, now): {' '.join(filled.missing)}"
            " — their readers get the German text",
            markup=False,
        )


def translated_meeting(settings: Settings, data: MeetingInput) -> MeetingInput:
    """`meetings add --translate`: the title and description in every language without one."""

    async def fill(session: AsyncSession, translator: Translator) -> Filled:
        german = (data.title["de"], data.description.get("de", ""))
        return await translate_texts(session, translator, *german, set(data.title))

    filled = translate_or_exit(settings, fill)
    titles = {code: texts[0] for code, texts in filled.versions.items()}
    descriptions = {code: texts[1] for code, texts in filled.versions.items() if texts[1]}
    return replace(
        data, title=data.title | titles, description=data.description | descriptions,
        machine=frozenset(filled.versions),
    )  # fmt: skip
