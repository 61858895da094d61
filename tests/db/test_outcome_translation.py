"""Filling an outcome's empty languages by machine translation from German (the LibreTranslate
fake; no real provider is reachable here): what staff wrote is kept, the rest is translated once
and cached; without a provider nothing is sent anywhere."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import LANGUAGES
from bot.services.meetings import outcomes
from db.models import Translation
from tests.db.test_translations import client
from tests.translation_fakes import FakeProvider, libretranslate_app, serving

GERMAN = "Der Spielplatz an der Kampstraße wird 2027 erneuert."


async def test_empty_languages_are_filled_from_german_and_written_ones_kept(
    session: AsyncSession,
) -> None:
    fake = FakeProvider()
    written = {"de": GERMAN, "tr": "Oyun alanı 2027 yılında yenilenecek.", "en": "  "}
    async with serving(libretranslate_app(fake), fake):
        filled = await outcomes.fill_missing(session, client(fake), written)
        await session.commit()
    assert filled["tr"] == written["tr"] and filled["de"] == GERMAN
    assert filled["en"] == f"[en] {GERMAN}" and filled["ar"] == f"[ar] {GERMAN}"
    assert sorted(filled) == sorted(LANGUAGES)
    assert [r["path"] for r in fake.requests].count("/translate") == len(LANGUAGES) - 2
    assert await session.scalar(select(func.count()).select_from(Translation)) == 8


async def test_without_a_provider_nothing_is_filled(session: AsyncSession) -> None:
    assert await outcomes.fill_missing(session, None, {"de": GERMAN}) == {"de": GERMAN}
