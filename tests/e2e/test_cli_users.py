"""`stadtstimme users delete TELEGRAM_ID`: a deletion request run from the shell."""

from __future__ import annotations

from sqlalchemy import func, select

from db.models import Idea, User
from db.session import create_engine, create_session_factory
from tests.e2e.test_cli import cli
from tests.e2e.test_cli_ideas import seed


async def counts(database_url: str) -> tuple[int, int, int]:
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            users = await session.scalar(select(func.count()).select_from(User))
            ideas = await session.scalar(select(func.count()).select_from(Idea))
            orphans = await session.scalar(
                select(func.count()).select_from(Idea).where(Idea.user_id.is_(None))
            )
        return int(users or 0), int(ideas or 0), int(orphans or 0)
    finally:
        await engine.dispose()


async def test_users_delete_keeps_published_ideas_only_when_asked(database_url: str) -> None:
    await seed(database_url)  # 424242: one published idea; 515151: one submitted idea
    kept = cli(database_url, "users", "delete", "424242", "--keep-public-ideas")
    assert kept.returncode == 0, kept.stderr
    assert kept.stdout.strip() == "deleted all data of 424242; 1 published ideas kept anonymously"
    assert await counts(database_url) == (1, 2, 1)
    gone = cli(database_url, "users", "delete", "515151")
    assert gone.stdout.strip() == "deleted all data of 515151"
    assert await counts(database_url) == (0, 1, 1)
    again = cli(database_url, "users", "delete", "515151")
    assert again.returncode == 1 and "no resident with Telegram id 515151" in again.stderr
