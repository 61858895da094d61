"""Translate through the cache: a text is sent to the provider once per language pair.

A provider that fails never blocks the caller: it gets None and shows the original; stored items
(ideas) are tried again by the translation tick.
"""

from __future__ import annotations

import hashlib
import logging

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.translation.engine import (
    Provider,
    Translated,
    TranslationUnavailable,
    Translator,
)
from db.models import Translation

log = logging.getLogger(__name__)


def text_hash(text: str) -> str:
    """The cache key of a text: SHA-256 of its UTF-8 bytes, hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


async def cached(
    session: AsyncSession, provider: Provider, text: str, source: str, target: str
) -> Translated | None:
    """The stored translation of `text`, or None (never asks the provider)."""
    query = select(Translation.translated).where(
        Translation.text_hash == text_hash(text), Translation.source == source,
        Translation.target == target, Translation.provider == provider,
    )  # fmt: skip
    found = (await session.execute(query)).scalar_one_or_none()
    return Translated(found, provider) if found is not None else None


async def store(
    session: AsyncSession,
    provider: Provider,
    text: str,
    source: str,
    target: str,
    translated: str,
    idea_id: int | None,
) -> None:
    """Keep a translation (not committed); a twin stored meanwhile wins."""
    dialect = session.bind.dialect.name if session.bind is not None else "sqlite"
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    values = {
        "text_hash": text_hash(text), "source": source, "target": target,
        "provider": provider.value, "translated": translated, "idea_id": idea_id,
    }  # fmt: skip
    statement = insert(Translation).values(**values).on_conflict_do_nothing()
    await session.execute(statement)


def wanted(translator: Translator | None, source: str | None, target: str) -> bool:
    """Whether there is anything to translate: a provider, a known language, another target."""
    if translator is None or source is None or source == target:
        return False
    return translator.supports(source, target)


async def translate(
    session: AsyncSession,
    translator: Translator | None,
    text: str,
    source: str | None,
    target: str,
    *,
    idea_id: int | None,
    html: bool = False,
) -> Translated | None:
    """`text` in `target` from the cache or the provider (stored, not committed); None when
    nothing is to be translated or the provider can't now (the caller shows the original)."""
    try:
        return await translate_or_raise(
            session, translator, text, source, target, idea_id=idea_id, html=html
        )
    except TranslationUnavailable as error:
        log.warning("translation %s→%s unavailable: %s", source, target, error)
        return None


async def translate_or_raise(
    session: AsyncSession,
    translator: Translator | None,
    text: str,
    source: str | None,
    target: str,
    *,
    idea_id: int | None,
    html: bool = False,
) -> Translated | None:
    """As `translate`, but a provider that can't now raises TranslationUnavailable (for callers
    that keep count of failures).

    Before asking the provider the caller's transaction is committed: no database lock (on
    SQLite: the process's write turn) is held while waiting for the network."""
    if translator is None or source is None or not wanted(translator, source, target):
        return None
    hit = await cached(session, translator.provider, text, source, target)
    if hit is not None:
        return hit
    await session.commit()
    [result] = await translator.translate([text], source, target, html=html)
    await store(session, translator.provider, text, source, target, result, idea_id)
    return Translated(result, translator.provider)
