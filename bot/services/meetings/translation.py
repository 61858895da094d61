"""A new meeting's title and description in every missing language, machine-translated from
the German for staff to review (nothing is stored from here)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.meetings.lifecycle import TEXT_MAX, TITLE_MAX
from bot.services.text_length import utf16_len
from bot.services.translation.drafts import Filled, fill_missing
from bot.services.translation.engine import Translator


def fits(texts: list[str]) -> bool:
    """Whether a translated title (and description) keep the meeting's limits."""
    title, description = texts
    return 0 < utf16_len(title) <= TITLE_MAX and utf16_len(description) <= TEXT_MAX


async def translate_texts(
    session: AsyncSession,
    translator: Translator,
    title: str,
    description: str,
    present: set[str],
) -> Filled:
    """[title, description] per missing language the provider gave (an empty description stays
    empty); commits (the provider is asked outside a transaction)."""
    return await fill_missing(
        session, translator, [title, description], present | {"de"}, html=False, fits=fits
    )
