"""0037: a poll closed with its results pushed (by the audit log) counts as pushed already, so
the dashboard's "push results" can't send them a second time; the others are not marked."""

from __future__ import annotations

from sqlalchemy import text

from db import migrate
from db.session import create_engine

POLL = (
    "INSERT INTO polls (id, created_by, created_at, starts_at, closes_at, status, closed_at, "
    "multiple, show_results, push_results, option_count, public, audience) VALUES "
    "(:id, 1, '2026-12-01 09:00:00', '2026-12-01 09:00:00', '2026-12-05 09:00:00', 'closed', "
    "'2026-12-04 10:00:00', false, true, true, 2, false, '{}')"
)
AUDIT = (
    "INSERT INTO staff_audit (actor, action, target, created_at) VALUES "
    "(200, :action, :target, '2026-12-04 10:00:00')"
)


async def test_polls_closed_with_their_results_pushed_are_marked_pushed(
    empty_database_url: str,
) -> None:
    engine = create_engine(empty_database_url)
    try:
        await migrate.upgrade(engine, "0033")
        async with engine.begin() as connection:
            for poll_id in (1, 2):
                await connection.execute(text(POLL), {"id": poll_id})
            await connection.execute(
                text(AUDIT), {"action": "poll.close_push_results", "target": "poll:1"}
            )
            await connection.execute(text(AUDIT), {"action": "poll.close", "target": "poll:2"})
        await migrate.upgrade(engine, "0037")
        query = "SELECT id, results_pushed_at FROM polls ORDER BY id"
        async with engine.connect() as connection:
            rows = [(row[0], row[1] is not None) for row in await connection.execute(text(query))]
        assert rows == [(1, True), (2, False)]
    finally:
        await engine.dispose()
