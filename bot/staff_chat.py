"""New ideas in the staff chat: its forum topic (asked of Telegram), the post, the catch-up.

Above the services, below handlers and the runner: both queue idea posts through it.
"""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.presentation.ideas import staff_calls
from bot.runtime import Runtime
from bot.services.ideas import lifecycle as ideas
from bot.services.ideas import notices as idea_notices
from bot.services.ideas.card_translation import card_awaits
from bot.services.ideas.notices import StaffCall, StaffPost
from db.models import Idea

log = logging.getLogger(__name__)
TOPIC_NAME = "ideas"


async def staff_thread(bot: Bot, session: AsyncSession, chat_id: int) -> int | None:
    """In a forum, the topic "Ideas" (created once, remembered in the database); else None."""
    thread = await idea_notices.staff_topic(session, chat_id, TOPIC_NAME)
    if thread is not None:
        return thread
    chat = await bot.get_chat(chat_id)
    if not chat.is_forum:
        return None
    topic = await bot.create_forum_topic(chat_id, name=_("Ideas"))
    await ideas.remember_topic(session, chat_id, TOPIC_NAME, topic.message_thread_id)
    return topic.message_thread_id


async def staff_post(bot: Bot, session: AsyncSession, settings: Settings) -> StaffPost | None:
    """Where and how new ideas are posted for staff; None when no staff chat is set."""
    chat_id, language = settings.staff_chat_id, settings.default_language
    if chat_id is None:
        return None
    with get_i18n().use_locale(language):
        try:
            thread = await staff_thread(bot, session, chat_id)
        except TelegramAPIError as error:  # the post still goes out, outside the forum topic
            log.warning("staff chat topic not found: %s", type(error).__name__)
            thread = None

    def render(idea: Idea) -> list[StaffCall]:
        with get_i18n().use_locale(language):
            awaiting = card_awaits(settings.translate_provider, idea, language)
            return staff_calls(idea, thread, settings.author_key, awaiting)

    return StaffPost(chat_id, render)


async def queue_missed_posts(bot: Bot, runtime: Runtime) -> int:
    """At start-up: queue the posts of undecided ideas handed in while no staff chat was set."""
    settings = runtime.settings
    if settings.staff_chat_id is None:
        return 0
    with runtime.i18n.context():
        async with runtime.session_factory() as session:
            missed = await ideas.undecided_without_staff_post(session)
            post = await staff_post(bot, session, settings) if missed else None
            if post is None:
                return 0
            await idea_notices.queue_staff_posts(session, missed, post, runtime.clock.now())
    log.info("queued %d ideas for the staff chat that had none", len(missed))
    return len(missed)
