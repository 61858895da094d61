"""CPU per update with and without one change, interleaved so the host's drift cancels out.

    python bench/update_ab.py keyboards|pre-ping|json-calls|core-marker|all|sqlite-inline|
                              core-fsm|marker-on-connection|run8|package-routers|metrics
                              [--rounds 10] [--residents 20] [--db postgresql|sqlite]

The five steps of bench/update_profile.py, in alternating batches of ``--residents`` new
residents: one batch with the change (as committed), one with it undone, ``--rounds`` times each.
This host's speed drifts by ±15 % within minutes, more than the changes measured here; batches a
few seconds apart see the same host.
"""

from __future__ import annotations

import argparse
import asyncio
import inspect
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from aiogram import Router
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.utils import keyboard
from sqlalchemy import delete, event
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from bench.update_profile import five_steps, warm_bot
from bot import app
from bot.api_session import JsonSession
from bot.filters import PrivateChat
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.middlewares.metrics import UpdateMetricsMiddleware
from db.models import FsmRecord, ProcessedUpdate
from db.repositories import fsm
from db.session import UNRECORDED_UPDATE, UpdateSession, marker_insert, record_processed_update
from db.types import utcnow
from tests.flow.harness import Harness

OUR_EXPORT = InlineKeyboardBuilder.export


def keyboards(_harness: Harness, undo: bool) -> None:
    """Our builder's shallow export, or aiogram's deep copy."""
    InlineKeyboardBuilder.export = (  # type: ignore[method-assign]
        keyboard.KeyboardBuilder.export if undo else OUR_EXPORT
    )


def pre_ping(harness: Harness, undo: bool) -> None:
    """The pool's liveness check on every checkout (PostgreSQL), off or on."""
    harness.runtime.engine.sync_engine.pool._pre_ping = undo


def json_calls(harness: Harness, undo: bool) -> None:
    """Bot API calls as JSON bodies, or as aiogram's multipart forms."""
    harness.bot.session.__class__ = AiohttpSession if undo else JsonSession


def orm_marker(session: Session) -> None:
    """The marker as an ORM object, as before (flushed by the unit of work)."""
    update_id = session.info.pop(UNRECORDED_UPDATE, None)
    if update_id is not None:
        session.add(ProcessedUpdate(update_id=update_id))


def marker_hook(before: Callable[[Session], None], undo: bool) -> None:
    """The shipped marker hook, or the given earlier one in its place."""
    old, new = before, record_processed_update
    if undo:
        old, new = new, old
    if event.contains(UpdateSession, "before_commit", old):
        event.remove(UpdateSession, "before_commit", old)
    if not event.contains(UpdateSession, "before_commit", new):
        event.listen(UpdateSession, "before_commit", new)


def core_marker(_harness: Harness, undo: bool) -> None:
    """The processed-update marker as a Core INSERT, or as an ORM object."""
    marker_hook(orm_marker, undo)


def all_four(harness: Harness, undo: bool) -> None:
    """Run 6's four changes together."""
    for change in (keyboards, pre_ping, json_calls, core_marker):
        change(harness, undo)


async def orm_fsm_upsert(session: AsyncSession, key: str, **values: Any) -> None:
    """Before run 8: a statement on the mapped class, built for each call."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    row = {"key": key, "state": None, "data": "{}", "updated_at": utcnow(), **values}
    statement = (
        insert(FsmRecord)
        .values(**row)
        .on_conflict_do_update(
            index_elements=[FsmRecord.key], set_={**values, "updated_at": row["updated_at"]}
        )
    )
    await session.execute(statement)


async def orm_fsm_delete(session: AsyncSession, key: str) -> None:
    await session.execute(delete(FsmRecord).where(FsmRecord.key == key))


OUR_FSM = (fsm.upsert, fsm.delete)


def core_fsm(_harness: Harness, undo: bool) -> None:
    """Conversation writes built once on the table, or built per call on the mapped class."""
    fsm.upsert, fsm.delete = (orm_fsm_upsert, orm_fsm_delete) if undo else OUR_FSM


def marker_through_session(session: Session) -> None:
    """Before run 8: the marker through the session's execute (autoflush, ORM layer)."""
    update_id = session.info.pop(UNRECORDED_UPDATE, None)
    if update_id is not None:
        session.execute(marker_insert(), {"update_id": update_id})


def marker_on_connection(_harness: Harness, undo: bool) -> None:
    """The marker on the session's connection, or through the session's execute."""
    marker_hook(marker_through_session, undo)


def run8(harness: Harness, undo: bool) -> None:
    """Run 8's changes still in the code together (its pruned routers were removed later)."""
    for change in (core_fsm, marker_on_connection):
        change(harness, undo)


async def sqlite_inline(harness: Harness, undo: bool) -> None:
    """SQLite connections on the loop's thread (db/sqlite_inline.py), or aiosqlite's threads."""
    engine = harness.runtime.engine
    assert engine.dialect.name == "sqlite", "sqlite-inline needs --db sqlite"
    pool: Any = engine.sync_engine.pool
    ours = vars(harness).setdefault("inline_creator", pool._creator)  # as built by db.session
    database = engine.url.database
    # aiosqlite's own connection, with the busy timeout it had before (30 s).
    pool._creator = (lambda: engine.dialect.connect(database, timeout=30)) if undo else ours
    await engine.dispose()  # the next checkouts open connections of the chosen kind


def module_routers() -> Router:
    """The handler modules' routers straight under root and private, as before issue 20's
    package routers (same order, one router level fewer)."""
    from handlers import (
        account,
        announcements,
        dashboard,
        errors,
        fallback,
        groups,
        ideas,
        meetings,
        polls,
        privacy,
        staff,
    )
    from handlers.meetings import staff as meeting_staff
    from handlers.polls import new as new_poll

    def flat(package_router: Router) -> list[Router]:
        # A package router holds no handlers of its own: its modules' routers, rebuilt.
        modules = [sys.modules[sub.name] for sub in package_router.sub_routers]
        return [m.build_router() for m in modules] if modules else [package_router]

    outside = [errors.build_router(), staff.staff_chat_router(), ideas.moderation_router(),
               polls.votes_router(), *flat(groups.build_router())]  # fmt: skip
    inside = [privacy.notice_router(), account.build_router(), privacy.build_router(),
              announcements.campaigns_router(), staff.build_router(), announcements.build_router(),
              meeting_staff.build_router(), ideas.build_router(), meetings.build_router(),
              new_poll.build_router(), polls.build_router(), dashboard.build_router(),
              fallback.build_router()]  # fmt: skip
    private = Router(name="private")
    private.message.filter(PrivateChat())
    private.callback_query.filter(PrivateChat())
    private.include_routers(*(r for package in inside for r in flat(package)))
    flat_root = Router(name="root")
    flat_root.include_routers(*outside, private)
    return flat_root


def package_routers(harness: Harness, undo: bool) -> None:
    """Feature packages' routers between private and the modules' routers, or modules' routers
    straight under private (the Dispatcher is rebuilt either way; one of each is kept)."""
    dispatchers = vars(harness).setdefault("dispatchers", {})
    if undo not in dispatchers:
        built = app.build_router
        app.build_router = module_routers if undo else built  # type: ignore[assignment]
        try:
            dispatchers[undo] = app.build_dispatcher(harness.runtime)
        finally:
            app.build_router = built  # type: ignore[assignment]
    harness.dispatcher = dispatchers[undo]


def update_metrics(harness: Harness, undo: bool) -> None:
    """The update metrics middleware (issue 25) in its place, or left out."""
    chain: list[Any] = harness.dispatcher.update.outer_middleware._middlewares
    if "metrics_middleware" not in vars(harness):  # found once, while still in place
        ours = next(m for m in chain if isinstance(m, UpdateMetricsMiddleware))
        vars(harness).update(metrics_middleware=ours, metrics_place=chain.index(ours))
    ours, place = vars(harness)["metrics_middleware"], vars(harness)["metrics_place"]
    if undo and ours in chain:
        chain.remove(ours)
    elif not undo and ours not in chain:
        chain.insert(place, ours)


CHANGES: dict[str, Callable[[Harness, bool], Awaitable[None] | None]] = {
    "keyboards": keyboards,
    "pre-ping": pre_ping,
    "json-calls": json_calls,
    "core-marker": core_marker,
    "all": all_four,
    "sqlite-inline": sqlite_inline,
    "core-fsm": core_fsm,
    "marker-on-connection": marker_on_connection,
    "run8": run8,
    "package-routers": package_routers,
    "metrics": update_metrics,
}


async def switch(change: str, harness: Harness, undo: bool) -> None:
    result = CHANGES[change](harness, undo)
    if inspect.isawaitable(result):
        await result


async def main(change: str, rounds: int, residents: int, db: str, admin_url: str) -> None:
    async with warm_bot(admin_url, db) as harness:
        cpu: dict[bool, list[float]] = {False: [], True: []}
        first_id = 8_000_000
        for _ in range(rounds):
            for undo in (False, True):
                await switch(change, harness, undo)
                start = time.process_time()
                count = await five_steps(harness, residents, first_id)
                cpu[undo].append(1000 * (time.process_time() - start) / count)
                first_id += residents
        await switch(change, harness, False)
    with_it, without = statistics.median(cpu[False]), statistics.median(cpu[True])
    print(f"{change}: with {with_it:.2f} ms, without {without:.2f} ms CPU per update (median of")
    print(f"{rounds} batches each, bot and fake); with/without = {with_it / without:.3f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("change", choices=sorted(CHANGES))
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--residents", type=int, default=20)
    parser.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--pg-admin-url", default="postgresql://postgres@127.0.0.1:5432/test")
    args = parser.parse_args()
    asyncio.run(main(args.change, args.rounds, args.residents, args.db, args.pg_admin_url))
