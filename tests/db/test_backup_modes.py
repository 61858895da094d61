"""A backup holds everything the database does: only its owner may read it (0600), whatever
the umask, on SQLite (the backup and the copy kept at a restore) and PostgreSQL (pg_dump)."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.ops import backup


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The umask most servers run with: files 0644 unless the bot says otherwise."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def mode(path: Path) -> str:
    return oct(stat.S_IMODE(path.stat().st_mode))


def test_backups_and_the_copy_kept_at_a_restore_are_private(
    database_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "stadtstimme.backup"
    if database_url.startswith("postgresql"):
        backup.backup_postgres(database_url, out)
        assert mode(out) == "0o600"
        return
    database = backup.sqlite_path(database_url)
    backup.backup_sqlite(database, out)
    assert mode(out) == "0o600"
    kept = backup.restore_sqlite(out, database).path
    assert kept.name.startswith("bot.db.before-restore-") and mode(kept) == "0o600"
