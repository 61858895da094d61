"""Migration 0033 adds the recognition page (Ehrenamtskarte NRW, the city's contacts) in all ten
languages, with a marked line where the city still has to fill in its e-mail address."""

from __future__ import annotations

from sqlalchemy import text

from bot.config import LANGUAGES
from bot.services.info import VOLUNTEERING_SLUG
from db import migrate
from db.session import create_engine

MARKED = {"de": "[wird von der Stadt ergänzt]", "en": "[to be added by the city]"}


async def test_the_recognition_page_exists_in_every_language(empty_database_url: str) -> None:
    engine = create_engine(empty_database_url)
    query = text("SELECT language, title, body FROM info_pages WHERE slug = :slug")
    try:
        await migrate.upgrade(engine, "0033")
        async with engine.connect() as connection:
            rows = (await connection.execute(query, {"slug": VOLUNTEERING_SLUG})).all()
        await migrate.downgrade(engine, "0029")
        async with engine.connect() as connection:
            after = (await connection.execute(query, {"slug": VOLUNTEERING_SLUG})).all()
    finally:
        await engine.dispose()
    pages = {language: (title, body) for language, title, body in rows}
    assert sorted(pages) == sorted(LANGUAGES)
    for title, body in pages.values():
        assert title and "Ehrenamtskarte NRW" in body and "0203 283-2830" in body
    assert len({title for title, _ in pages.values()}) == 10  # each in its own language
    for language, marked in MARKED.items():
        assert marked in pages[language][1]
    assert after == []
