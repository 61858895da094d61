"""`stadtstimme i18n …`: the translation catalogs (extract, update, compile, isolate, check)."""

from __future__ import annotations

import typer
from rich.console import Console

i18n_app = typer.Typer(help="Translation catalogs.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add `i18n` to the main command."""
    app.add_typer(i18n_app, name="i18n")


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
