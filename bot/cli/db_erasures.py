"""Erasures done after a backup, repeated once it is restored.

`db restore` does it itself with the content it replaced; `stadtstimme db reapply-erasures
--log-from URL` does it for DATABASE_URL with the erasure log of another database (PostgreSQL
restores, or a damaged database kept aside). bot/services/personal_data/erasure_log.py says how
an entry is matched.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import typer
from sqlalchemy.engine import make_url

from bot.cli.exits import fail, settings_or_exit
from bot.config import Settings

if TYPE_CHECKING:
    from bot.services.personal_data.erasure_log import Entry


@dataclass(frozen=True)
class Reapplied:
    """Residents erased again, and log entries carried over into the restored database."""

    erased: int
    carried: int


def register(db_app: typer.Typer) -> None:
    """Add `reapply-erasures` to the `db` group."""
    db_app.command("reapply-erasures")(reapply_erasures)


def reapply_erasures(
    log_from: str = typer.Option(
        ..., "--log-from", help="The database whose erasure log to apply, e.g. sqlite:///old.db"
    ),
) -> None:
    """Erase again in DATABASE_URL everyone the other database's erasure log erased."""
    from bot.cli.support import run_db
    from bot.ops.copy import CopyError, normalise_url

    settings = settings_or_exit()
    try:
        log_url = normalise_url(log_from)
    except CopyError as error:
        raise fail(str(error)) from None
    database = make_url(log_url).database
    if log_url.startswith("sqlite") and not (database and Path(database).is_file()):
        raise fail(f"no SQLite database at {database}")
    done = run_db(reapply(settings, log_url))
    if done is None:
        raise fail("interrupted", code=130)
    typer.echo(report(done))


def report(done: Reapplied) -> str:
    """One line for the operator."""
    return (
        f"erasures re-applied from the erasure log: {done.erased} "
        f"(log entries carried over: {done.carried})"
    )


async def reapply(settings: Settings, log_url: str) -> Reapplied:
    """Bring DATABASE_URL to the current schema, merge the other log in, erase the matches."""
    from bot.i18n import build_i18n
    from bot.presentation.erasure import erasure
    from bot.services import audit, staff_erasure
    from bot.services.clock import SystemClock
    from bot.services.personal_data import erasure_log
    from db import migrate
    from db.session import create_engine, create_session_factory

    log = await _read_log(log_url)
    how = erasure(build_i18n(settings.default_language), settings, SystemClock())
    engine = create_engine(settings.database_url)
    try:
        await migrate.upgrade(engine)  # a backup from before the log existed has no table
        async with create_session_factory(engine)() as session:
            carried = await erasure_log.merge(session, log)
            await session.commit()
            again = await erasure_log.erased_since(session, settings.poll_key, log)
            for user in again:
                await staff_erasure.erase_on_request(
                    session, user, how, keep_public_ideas=False, actor=audit.CLI_OPERATOR
                )
    finally:
        await engine.dispose()
    return Reapplied(len(again), carried)


async def _read_log(log_url: str) -> list[Entry]:
    from sqlalchemy.exc import DBAPIError

    from bot.services.personal_data import erasure_log
    from db.session import create_engine, create_session_factory

    engine = create_engine(log_url)
    try:
        async with create_session_factory(engine)() as session:
            return list(await erasure_log.entries(session))
    except DBAPIError:  # no erasure_log table: a database from before the log existed
        return []
    finally:
        await engine.dispose()
