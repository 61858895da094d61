"""Backups: SQLite through its online backup API; PostgreSQL through pg_dump's custom format.

The SQLite backup API copies a consistent snapshot page by page while the bot keeps writing
(in WAL mode readers and the copy never block the bot's writers). A restore goes through the
same API in the other direction, into the live file, so a leftover -wal file can never be
replayed onto the restored pages.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import URL, make_url

PAGES_PER_STEP = 1024  # between steps the bot's writers get their turn


class BackupError(Exception):
    """The backup or restore cannot go ahead; the message is one line for the operator."""


@dataclass(frozen=True)
class Copy:
    """What a backup or restore produced."""

    path: Path
    size: int
    revision: str | None
    # Restore: residents in the backup but no longer in the replaced content (deleted on
    # request, by retention or by staff since the backup): their erasure must be repeated.
    gone: int = 0


def sqlite_path(database_url: str) -> Path:
    """The file of an SQLite DATABASE_URL."""
    database = make_url(database_url).database
    if not database or database == ":memory:":
        raise BackupError("DATABASE_URL names no SQLite file")
    return Path(database)


def _revision(connection: sqlite3.Connection) -> str | None:
    try:
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


def backup_sqlite(database: Path, out: Path) -> Copy:
    """A consistent copy of a (possibly running) database, checked before it is kept."""
    if not database.exists():
        raise BackupError(f"no database at {database}")
    if out.exists():
        raise BackupError(f"{out} exists already: choose a new name (backups are never replaced)")
    partial = out.with_name(out.name + ".partial")
    partial.unlink(missing_ok=True)  # a crashed run's leftover
    private_file(partial)
    with (
        closing(sqlite3.connect(database, timeout=30)) as source,
        closing(sqlite3.connect(partial)) as target,
    ):
        source.backup(target, pages=PAGES_PER_STEP)
        target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        check = target.execute("PRAGMA integrity_check").fetchone()[0]
        revision = _revision(target)
    if check != "ok":
        partial.unlink()
        raise BackupError(f"the copy failed its integrity check: {check}")
    partial.rename(out)
    return Copy(out, out.stat().st_size, revision)


def private_file(path: Path) -> None:
    """Create an empty file only its owner may read (0600), whatever the process umask.

    A backup holds everything the database does; SQLite and pg_dump write into an existing
    file without changing its mode (SQLite gives its journal the database file's mode too).
    """
    os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))


def check_backup(backup: Path) -> str | None:
    """The schema revision of a usable SQLite backup; BackupError when it is none."""
    if not backup.is_file():
        raise BackupError(f"no file at {backup}")
    try:
        with closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as connection:
            check = connection.execute("PRAGMA integrity_check").fetchone()[0]
            revision = _revision(connection)
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{backup} is not an SQLite database ({error})") from None
    if check != "ok":
        raise BackupError(f"{backup} failed its integrity check: {check}")
    if revision is None:
        raise BackupError(f"{backup} is not a Stadtstimme database (no schema revision)")
    return revision


def restore_sqlite(backup: Path, database: Path) -> Copy:
    """Replace the database's content with the backup's; the old content is kept beside it."""
    revision = check_backup(backup)
    kept = database.with_name(f"{database.name}.before-restore-{_stamp()}")
    if database.exists():
        backup_sqlite(database, kept)
    with (
        closing(sqlite3.connect(backup)) as source,
        closing(sqlite3.connect(database, timeout=30)) as target,
    ):
        source.backup(target)
    if not kept.exists():
        return Copy(kept, 0, revision)
    return Copy(kept, kept.stat().st_size, revision, gone=residents_gone(database, kept))


def residents_gone(restored: Path, previous: Path) -> int:
    """How many residents of the restored database the previous content no longer had."""
    with closing(sqlite3.connect(restored)) as connection:
        connection.execute("ATTACH DATABASE ? AS previous", (str(previous),))
        row = connection.execute(
            "SELECT count(*) FROM main.users WHERE telegram_id NOT IN "
            "(SELECT telegram_id FROM previous.users)"
        ).fetchone()
    return int(row[0])


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def pg_dump_command(database_url: str, out: Path) -> tuple[list[str], dict[str, str]]:
    """pg_dump's arguments and environment (the password goes in PGPASSWORD, not argv)."""
    url: URL = make_url(database_url).set(drivername="postgresql")
    env = {"PGPASSWORD": url.password} if url.password else {}
    plain = URL.create(
        "postgresql", url.username, None, url.host, url.port, url.database, url.query
    ).render_as_string(hide_password=False)
    return ["pg_dump", "--format=custom", "--no-owner", f"--file={out}", plain], env


def backup_postgres(database_url: str, out: Path) -> Copy:
    """Run pg_dump -Fc; BackupError saying how when it is not installed."""
    command, env = pg_dump_command(database_url, out)
    if out.exists():
        raise BackupError(f"{out} exists already: choose a new name (backups are never replaced)")
    if shutil.which("pg_dump") is None:
        shown = " ".join([*command[:-1], "'postgresql://USER@HOST:PORT/DB'"])
        raise BackupError(
            "pg_dump is not installed here: install the PostgreSQL client of the server's "
            f"major version (Debian: apt install postgresql-client) or run elsewhere: {shown}"
        )
    private_file(out)
    done = subprocess.run(  # noqa: S603 - fixed program, arguments built above
        command, env={**os.environ, **env}, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        out.unlink(missing_ok=True)
        raise BackupError(f"pg_dump failed: {done.stderr.strip().splitlines()[-1:]}")
    return Copy(out, out.stat().st_size, None)
