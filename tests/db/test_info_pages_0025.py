"""Migration 0025 names the volunteering button on "how it works", keeping pages staff edited."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from db import migrate
from db.session import create_engine

NEW = Path(__file__).resolve().parents[2] / "db" / "migrations" / "seed" / "info_0025"
EDITED = "Unser eigener Text."
LABELS = {"de": "Ehrenamt", "tr": "Gönüllülük", "ar": "التطوع", "en": "Volunteering"}


async def test_how_it_works_names_volunteering_unless_staff_edited_it(
    empty_database_url: str,
) -> None:
    engine = create_engine(empty_database_url)
    try:
        await migrate.upgrade(engine, "0022")
        async with engine.begin() as connection:
            await connection.execute(
                text("UPDATE info_pages SET body = :body"
                     " WHERE slug = 'how-it-works' AND language = 'ru'"),
                {"body": EDITED},
            )  # fmt: skip
        await migrate.upgrade(engine, "0025")
        async with engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT language, body FROM info_pages WHERE slug = 'how-it-works'")
            )
            bodies = dict(rows.all())
        await migrate.downgrade(engine, "0022")
        async with engine.connect() as connection:
            rows = await connection.execute(
                text("SELECT language, body FROM info_pages WHERE slug = 'how-it-works'")
            )
            after_downgrade = dict(rows.all())
    finally:
        await engine.dispose()
    assert bodies["ru"] == EDITED
    for language, label in LABELS.items():
        assert f"<b>{label}</b>" in bodies[language]
        expected = (NEW / "how-it-works" / f"{language}.html").read_text().partition("\n\n")[2]
        assert bodies[language] == expected.strip()
        assert f"<b>{label}</b>" not in after_downgrade[language]
