"""`stadtstimme info …`: list and replace information pages."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Column, Table

from bot.cli.exits import fail, settings_or_exit
from bot.cli.support import run_db
from bot.cli.translate_option import TRANSLATE_HELP, report, translator_or_exit
from bot.services import audit, info
from bot.services.clock import SystemClock
from bot.services.html import InvalidHtml
from bot.services.translation.drafts import Filled
from db.repositories import info_pages
from db.session import create_engine, create_session_factory

info_app = typer.Typer(help="Information pages.", no_args_is_help=True)


@info_app.command("list")
def list_pages() -> None:
    """Show every page with its languages."""
    settings = settings_or_exit()

    async def load() -> list[tuple[str, str, str]]:
        engine = create_engine(settings.database_url)
        try:
            async with create_session_factory(engine)() as session:
                pages = await info_pages.all_pages(session)
                # "tr*": machine-translated
                return [(p.slug, p.language + "*" * p.machine, p.title) for p in pages]
        finally:
            await engine.dispose()

    # Slug and languages stay on one line (an operator greps them); the title wraps instead.
    table = Table(
        Column("slug", no_wrap=True),
        Column("languages (* machine-translated)", no_wrap=True),
        "German title",
    )
    grouped: dict[str, list[tuple[str, str]]] = {}
    for slug, language, title in run_db(load()):
        grouped.setdefault(slug, []).append((language, title))
    for slug, versions in grouped.items():
        german = next((title for language, title in versions if language == "de"), "—")
        table.add_row(slug, " ".join(language for language, _ in versions), german)
    Console().print(table)


@info_app.command("set")
def set_page(
    slug: str,
    lang: str = typer.Option(..., "--lang", help="Language code, e.g. de."),
    file: Path = typer.Option(..., "--file", exists=True, dir_okay=False, help="HTML body."),
    title: str | None = typer.Option(None, "--title", help="Title (needed for a new page)."),
    translate: bool = typer.Option(
        False,
        "--translate",
        help="With --lang de: " + TRANSLATE_HELP[0].lower() + TRANSLATE_HELP[1:],
    ),
) -> None:
    """Replace one language version of a page with validated Telegram HTML."""
    settings = settings_or_exit()
    body = file.read_text(encoding="utf-8")
    translator = translator_or_exit(settings) if translate else None
    if translate and lang != "de":
        raise fail("--translate: the other languages are translated from the German (--lang de)")

    async def store() -> Filled | None:
        engine = create_engine(settings.database_url)
        try:
            async with create_session_factory(engine)() as session:
                await info.set_page(
                    session, SystemClock(), slug, lang, body, title, actor=audit.CLI_OPERATOR
                )
                if translator is None:
                    return None
                return await info.translate_page(
                    session, SystemClock(), translator, slug, actor=audit.CLI_OPERATOR
                )
        finally:
            await engine.dispose()

    try:
        filled = run_db(store())
    except InvalidHtml as error:
        raise fail(f"{file}: {error}") from None
    except ValueError as error:
        raise fail(str(error)) from None
    Console().print(f"saved page {slug!r} in {lang}")
    if filled is not None:
        report(filled)
