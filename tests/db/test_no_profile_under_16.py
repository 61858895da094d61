"""Migration 0013 erases the profiles stored for under-16s before they got none."""

from __future__ import annotations

from sqlalchemy import text

from db import migrate
from db.session import create_engine

USER = (
    "INSERT INTO users (id, telegram_id, privacy_version, onboarded, language_offers,"
    " announcements, reachable, created_at, last_seen_at, district, age_group,"
    " profile_consent_at) VALUES ({id}, {telegram_id}, 2, true, '', true, true, '2026-01-01',"
    " '2026-01-01', 'hamborn', '{age}', '2026-01-01')"
)
POLL = (
    "INSERT INTO polls (id, created_by, created_at, starts_at, closes_at, status, multiple,"
    " show_results, push_results, option_count, audience) VALUES (1, 1, '2026-01-01',"
    " '2026-01-01', '2026-02-01', 'closed', false, true, false, 2, '{}')"
)
VOTE = (
    "INSERT INTO poll_votes (poll_id, voter, choices, language, district, age_group, voted_at)"
    " VALUES (1, '{voter}', 1, 'de', 'hamborn', '{age}', '2026-01-02')"
)


async def test_profiles_and_vote_segments_of_under_16s_are_erased(
    empty_database_url: str,
) -> None:
    engine = create_engine(empty_database_url)
    try:
        await migrate.upgrade(engine, "0008")
        async with engine.begin() as connection:
            for statement in (
                USER.format(id=1, telegram_id=4711, age="under-16"),
                USER.format(id=2, telegram_id=4712, age="18-26"),
                "INSERT INTO user_topics (user_id, topic) VALUES (1, 'youth'), (2, 'sport')",
                POLL,
                VOTE.format(voter="a" * 64, age="under-16"),
                VOTE.format(voter="b" * 64, age="18-26"),
            ):
                await connection.execute(text(statement))
        await migrate.upgrade(engine)
        async with engine.connect() as connection:
            users = (
                await connection.execute(
                    text(
                        "SELECT id, district, age_group, profile_consent_at IS NULL FROM users"
                        " ORDER BY id"
                    )
                )
            ).all()
            topics = (
                await connection.execute(text("SELECT user_id, topic FROM user_topics"))
            ).all()
            votes = (
                await connection.execute(
                    text("SELECT voter, district, age_group FROM poll_votes ORDER BY voter")
                )
            ).all()
        assert [tuple(row) for row in users] == [
            (1, None, None, True),
            (2, "hamborn", "18-26", False),
        ]
        assert [tuple(row) for row in topics] == [(2, "sport")]
        assert [tuple(row) for row in votes] == [
            ("a" * 64, None, None),  # the vote itself counts on
            ("b" * 64, "hamborn", "18-26"),
        ]
    finally:
        await engine.dispose()
