"""Migration 0017 brings the seeded info pages up to date, but keeps pages staff edited."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from db import migrate
from db.session import create_engine

NEW = Path(__file__).resolve().parents[2] / "db" / "migrations" / "seed" / "info_0017"
EDITED = "Our own text, written by staff."


async def test_seeded_pages_are_replaced_and_edited_ones_kept(empty_database_url: str) -> None:
    engine = create_engine(empty_database_url)
    try:
        await migrate.upgrade(engine, "0008")
        async with engine.begin() as connection:
            await connection.execute(
                text(
                    "UPDATE info_pages SET body = :body"
                    " WHERE slug = 'how-it-works' AND language = 'tr'"
                ),
                {"body": EDITED},
            )
        await migrate.upgrade(engine, "0017")  # later migrations change the pages again
        async with engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT slug, language, title, body FROM info_pages WHERE slug IN"
                     " ('how-it-works', 'participation')")
            )  # fmt: skip
            pages = {(slug, language): (title, body) for slug, language, title, body in rows}
    finally:
        await engine.dispose()
    assert len(pages) == 20
    assert pages[("how-it-works", "tr")][1] == EDITED
    for (slug, language), (title, body) in pages.items():
        if (slug, language) == ("how-it-works", "tr"):
            continue
        new_title, _, new_body = (NEW / slug / f"{language}.html").read_text().partition("\n\n")
        assert (title, body) == (new_title.strip(), new_body.strip())
        assert "DuisbürgerIdeen" in body
