"""`stadtstimme db …`: schema upgrades, backups and restores (`db copy`: bot/cli/db_copy.py)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from bot.cli import fail, run_async, settings_or_exit
from bot.config import Settings

db_app = typer.Typer(help="Database schema, backup, restore and copy.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add `db` to the main command."""
    from bot.cli.db_copy import register as register_copy
    from bot.cli.db_erasures import register as register_erasures

    register_copy(db_app)
    register_erasures(db_app)
    app.add_typer(db_app, name="db")


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


@db_app.command("backup")
def db_backup(
    out: Path = typer.Option(..., "--out", help="The new backup file (never overwritten)."),
) -> None:
    """Back up DATABASE_URL while the bot runs: SQLite online copy; PostgreSQL pg_dump -Fc."""
    from bot.ops.backup import BackupError, backup_postgres, backup_sqlite, sqlite_path

    settings = settings_or_exit()
    try:
        if settings.is_sqlite:
            copy = backup_sqlite(sqlite_path(settings.database_url), out)
        else:
            copy = backup_postgres(settings.database_url, out)
    except BackupError as error:
        raise fail(str(error)) from None
    revision = f", schema {copy.revision}" if copy.revision else ""
    typer.echo(f"backup written: {copy.path} ({copy.size:,} bytes{revision})")


@db_app.command("restore")
def db_restore(
    backup: Path = typer.Argument(..., metavar="FILE", help="A file from `db backup` (SQLite)."),
    yes: bool = typer.Option(False, "--yes", help="Do not ask for confirmation."),
) -> None:
    """Replace the SQLite database with a backup (only while no bot uses it)."""
    from bot.ops.backup import BackupError, check_backup, restore_sqlite, sqlite_path
    from bot.ops.holder import running_bot_until

    settings = settings_or_exit()
    if not settings.is_sqlite:
        raise fail(
            "restore of PostgreSQL: stop every bot process, then "
            "`pg_restore --clean --if-exists --no-owner -d 'postgresql://USER@HOST/DB' FILE`"
        )
    database = sqlite_path(settings.database_url)
    try:
        revision = check_backup(backup)
        holder = run_async(running_bot_until(settings.database_url)) if database.exists() else None
        if holder is not None:
            raise BackupError(
                f"a bot is running on {database} (its sender lease runs until "
                f"{holder:%H:%M:%S} UTC): stop every bot process first"
            )
        if not yes:
            typer.confirm(f"Replace {database} with {backup} (schema {revision})?", abort=True)
        copy = restore_sqlite(backup, database)
    except BackupError as error:
        raise fail(str(error)) from None
    typer.echo(f"restored {database} from {backup} (schema {copy.revision})")
    if not copy.size:
        typer.echo(
            "there was no previous content to take the erasure log from: if the damaged "
            "database or a newer copy exists, run `stadtstimme db reapply-erasures --log-from "
            "sqlite:///THAT_FILE` before starting the bot (docs/OPERATIONS.md, Restore and GDPR)"
        )
        return
    typer.echo(f"the previous content is kept in {copy.path}")
    _reapply_erasures(settings, copy.path, copy.gone, database)
    typer.echo("Next: start the bot (it upgrades the schema itself).")


def _reapply_erasures(settings: Settings, previous: Path, gone: int, database: Path) -> None:
    """Repeat the erasures the replaced content logged since the backup; name what is left."""
    from bot.cli.db_erasures import reapply, report
    from bot.cli.support import run_db
    from bot.ops.backup import residents_gone

    done = run_db(reapply(settings, f"sqlite+aiosqlite:///{previous}"))
    if done is None:
        raise fail("interrupted before the erasures were re-applied: run it again", code=130)
    typer.echo(f"{gone} residents in the backup were deleted since it was taken; {report(done)}")
    left = residents_gone(database, previous)
    if left:
        typer.echo(
            f"{left} of them have no entry in the erasure log (deleted before it existed, or by "
            "hand): repeat their erasure before starting the bot (docs/OPERATIONS.md, Restore "
            "and GDPR erasures)"
        )
