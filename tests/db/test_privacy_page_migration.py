"""0022: the seeded privacy page gives way to the code's text; a page staff edited is kept."""

from __future__ import annotations

from sqlalchemy import text

from db import migrate
from db.session import create_engine


async def test_unedited_privacy_pages_go_an_edited_one_stays_and_downgrade_restores(
    empty_database_url: str,
) -> None:
    engine = create_engine(empty_database_url)
    try:
        await migrate.upgrade(engine, "0017")
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "UPDATE info_pages SET body = 'Unser eigener Text' "
                    "WHERE slug = 'privacy' AND language = 'de'"
                )
            )
        await migrate.upgrade(engine, "0022")
        languages = "SELECT language, body FROM info_pages WHERE slug = 'privacy'"
        async with engine.connect() as connection:
            left = (await connection.execute(text(languages))).all()
        assert [tuple(row) for row in left] == [("de", "Unser eigener Text")]
        await migrate.downgrade(engine, "0017")
        async with engine.connect() as connection:
            back = dict((await connection.execute(text(languages))).all())  # type: ignore[arg-type]
        assert len(back) == 10 and back["de"] == "Unser eigener Text"
        assert "24 months" in back["en"]
    finally:
        await engine.dispose()
