"""An announcement draft's missing language versions, machine-translated from the German for
staff to review (nothing is sent from here)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.campaigns.input import check_text
from bot.services.campaigns.lifecycle import CampaignError, text_limit
from bot.services.translation.drafts import Filled, fill_missing
from bot.services.translation.engine import Translator


def _fits(photo: bool) -> Callable[[list[str]], bool]:
    """Whether a machine-made version is valid and leaves room for its note."""

    def fits(texts: list[str]) -> bool:
        try:
            check_text(texts[0], caption=photo, limit=text_limit(photo, machine=True))
        except CampaignError:
            return False
        return True

    return fits


async def translate_draft(
    session: AsyncSession, translator: Translator, texts: dict[str, str], *, photo: bool
) -> tuple[dict[str, str], Filled]:
    """The draft's versions with every missing one the provider gave (a version too long with
    its note stays missing), and what was filled; commits (the provider is asked outside a
    transaction)."""
    filled = await fill_missing(
        session, translator, [texts["de"]], set(texts), html=True, fits=_fits(photo)
    )
    made = {language: versions[0] for language, versions in filled.versions.items()}
    return {**texts, **made}, filled
