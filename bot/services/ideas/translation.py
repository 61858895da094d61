"""Where ideas meet translation outside the staff card (bot.services.ideas.card_translation):
staff comments to the author, the export's German text, residents reading each other's ideas.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.ideas.card_translation import card_translation
from bot.services.ideas.engagement import visible
from bot.services.locale import content_language, resolve_language
from bot.services.translation.cache import translate, wanted
from bot.services.translation.engine import Translated, Translator
from db.models import Idea, User
from db.repositories import ideas as idea_repo


@dataclass(frozen=True)
class CommentTranslation:
    """A staff comment as its author gets it: translated, or untranslated with a reason."""

    translated: Translated | None = None
    # The author reads another language and the provider could not translate now: the
    # notice carries the original with a note saying so.
    unavailable: bool = False


async def author_language(session: AsyncSession, idea: Idea, default_language: str) -> str | None:
    """The content language the idea's author reads, None when the author is gone."""
    author = await session.get(User, idea.user_id) if idea.user_id is not None else None
    if author is None:
        return None
    chosen = resolve_language(author.language, author.telegram_language, default_language)
    return content_language(chosen)


async def comment_for_author(
    session: AsyncSession,
    translator: Translator | None,
    idea: Idea,
    comment: str,
    staff_language: str,
    default_language: str,
) -> CommentTranslation:
    """A staff comment in the author's language (stored with the idea, not committed); nothing
    when there is no provider or the author reads the staff's language."""
    if translator is None:
        return CommentTranslation()
    target = await author_language(session, idea, default_language)
    if target is None or target == staff_language:
        return CommentTranslation()
    found = await translate(session, translator, comment, staff_language, target, idea_id=idea.id)
    return CommentTranslation(found) if found is not None else CommentTranslation(unavailable=True)


async def staff_language_texts(
    session: AsyncSession, provider: str, ideas: list[Idea], staff_language: str
) -> dict[int, Translated | None]:
    """Each idea's text in the staff's language from the cache (the export's `text_de`)."""
    found: dict[int, Translated | None] = {}
    for idea in ideas:
        shown = await card_translation(session, provider, idea, staff_language)
        found[idea.id] = shown.translated
    return found


def offers_translation(translator: Translator | None, idea: Idea, reader_language: str) -> bool:
    """Whether "🌐 In my language" is offered for a published idea: a provider that has the
    pair, an idea whose language is known (no guessing) and not the reader's."""
    return wanted(translator, idea.language, reader_language)


async def published_in(
    session: AsyncSession, translator: Translator | None, idea_id: int, reader_language: str
) -> tuple[Idea, Translated | None] | None:
    """A visible published idea and its text in the reader's language (stored with the idea,
    committed); None when the idea is not visible; no translation when the provider can't now."""
    idea = await idea_repo.get(session, idea_id)
    if idea is None or not visible(idea):
        return None
    translated = await translate(
        session, translator, idea.text, idea.language, reader_language, idea_id=idea.id
    )
    await session.commit()
    return idea, translated
