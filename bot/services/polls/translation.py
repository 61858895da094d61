"""A poll draft's missing language variants (question and answers), machine-translated from the
German for staff to review (nothing is sent from here)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.polls.input import PollError, check_options, check_question
from bot.services.translation.drafts import Filled, fill_missing
from bot.services.translation.engine import Translator


def fits(texts: list[str]) -> bool:
    """Whether a translated question and its answers keep Telegram's limits and the German
    number of distinct answers."""
    try:
        check_question(texts[0])
        return len(check_options(texts[1:])) == len(texts) - 1
    except PollError:
        return False


async def translate_draft(
    session: AsyncSession,
    translator: Translator,
    questions: dict[str, str],
    options: dict[str, list[str]],
) -> tuple[dict[str, str], dict[str, list[str]], Filled]:
    """The draft's questions and answers with every missing language the provider gave, and
    what was filled; commits (the provider is asked outside a transaction)."""
    german = [questions["de"], *options["de"]]
    filled = await fill_missing(session, translator, german, set(questions), html=False, fits=fits)
    questions = {**questions, **{code: texts[0] for code, texts in filled.versions.items()}}
    options = {**options, **{code: texts[1:] for code, texts in filled.versions.items()}}
    return questions, options, filled
