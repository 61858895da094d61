"""Migration 0024 names the participatory budget on "How the bot works", keeping staff edits."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from db import migrate
from db.session import create_engine

NEW = Path(__file__).resolve().parents[2] / "db" / "migrations" / "seed" / "info_0024"
EDITED = "Unser eigener Text."


async def test_how_it_works_gains_the_budget_line_unless_staff_edited_it(
    empty_database_url: str,
) -> None:
    engine = create_engine(empty_database_url)
    try:
        await migrate.upgrade(engine, "0022")
        async with engine.begin() as connection:
            edit = (
                "UPDATE info_pages SET body = :body WHERE slug = 'how-it-works' AND language = 'de'"
            )
            await connection.execute(text(edit), {"body": EDITED})
        await migrate.upgrade(engine, "0024")
        async with engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT language, body FROM info_pages WHERE slug = 'how-it-works'")
            )
            bodies = dict(rows.all())
    finally:
        await engine.dispose()
    assert bodies.pop("de") == EDITED
    assert len(bodies) == 9
    for language, body in bodies.items():
        expected = (NEW / "how-it-works" / f"{language}.html").read_text().partition("\n\n")[2]
        assert body == expected.strip()
    assert "• <b>Participatory budget</b>: vote on what the budget is spent on" in bodies["en"]
