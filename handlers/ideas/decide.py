"""Applying a staff decision on an idea: the service call, the card edit (the author's notice:
bot.presentation.ideas)."""

from __future__ import annotations

from aiogram import Bot
from aiogram.types import User as TelegramUser
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.presentation.comment_translation import with_comment_translation
from bot.presentation.idea_decisions import last_change
from bot.presentation.ideas import author_notice
from bot.services.clock import Clock
from bot.services.ideas.decisions import decide_for_author
from bot.services.ideas.lifecycle import IdeaError
from bot.services.ideas.moderation import CardRefresh, Decision, NoticeRenderer
from bot.services.ideas.translation import CommentTranslation
from bot.services.translation.engine import Translator
from db.models import Idea
from handlers.ideas.card import edit_card


def notice_for(comment: CommentTranslation) -> NoticeRenderer:
    """The author's notice with the comment's translation (or the note that there is none)."""
    return with_comment_translation(author_notice, comment)


async def apply(
    bot: Bot,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    idea_id: int,
    decision: Decision,
    who: TelegramUser,
    *,
    translator: Translator | None = None,
) -> str | None:
    """Decide, then edit the card; returns a problem to tell the presser, or None."""
    language = settings.default_language

    def note(idea: Idea, decided: Decision) -> str:  # the card's "Last change", kept with it
        with get_i18n().use_locale(language):
            return last_change(idea, decided, who.full_name, idea.updated_at, settings.zone)

    try:  # the comment reaches the author in their language, if another
        idea, _event = await decide_for_author(
            session, clock, translator, idea_id, decision, notice_for, language,
            card=CardRefresh(note),  # the card is edited here at once, not queued
        )  # fmt: skip
    except IdeaError as error:
        if error.code == "not_allowed":
            return _("This idea is no longer in a state where this is possible.")
        if error.code == "not_found":
            return _("This idea does not exist.")
        raise

    await edit_card(bot, session, settings, idea)
    return None
