"""`stadtstimme db copy --from URL --to URL`: move an installation to another database."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from bot.cli.exits import fail

MISMATCH = 1  # the copy ran but a table's rows differ: look before switching over


def register(db_app: typer.Typer) -> None:
    """Add `copy` to the `db` group."""
    db_app.command("copy")(db_copy)


def db_copy(
    source: str = typer.Option(
        ..., "--from", help="The database to copy, e.g. sqlite:///./stadtstimme.db"
    ),
    target: str = typer.Option(
        ..., "--to", help="A new, empty database, e.g. postgresql://user@host/db"
    ),
) -> None:
    """Copy every table into a new, empty database (migrated to the current schema first)."""
    from bot.cli.support import run_db
    from bot.ops.copy import CopyError, copy_database, normalise_url, shown

    console = Console()
    try:
        source_url, target_url = normalise_url(source), normalise_url(target)
        console.print(f"copying {shown(source_url)} → {shown(target_url)}")
        counts = run_db(copy_database(source_url, target_url, progress=console.print))
        if counts is None:  # Ctrl+C: the target's transaction was rolled back
            raise fail("interrupted: nothing was copied", code=130)
    except CopyError as error:
        raise fail(str(error)) from None
    table = Table("table", "source rows", "target rows", "")
    for count in counts:
        same = count.source == count.target
        mark = "[green]ok[/]" if same else "[red]differs[/]"
        table.add_row(count.table, f"{count.source:,}", f"{count.target:,}", mark)
    console.print(table)
    differing = [count.table for count in counts if count.source != count.target]
    if differing:
        raise fail(f"row counts differ in {', '.join(differing)}", code=MISMATCH)
    total = sum(count.target for count in counts)
    console.print(
        f"copied {total:,} rows in {len(counts)} tables; point DATABASE_URL at "
        f"{shown(target_url)} and start the bot there"
    )
