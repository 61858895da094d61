"""The idea as staff see it in the staff chat: posting it (forum topic "Ideas") and its card."""

from __future__ import annotations

import logging
from html import escape

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.i18n import NATIVE_NAMES
from bot.keyboards.ideas import moderation_keyboard, place_label, status_label
from bot.keyboards.profile import topic_label
from bot.services import ideas
from db.models import Idea
from db.repositories import ideas as repo

log = logging.getLogger(__name__)
TOPIC_NAME = "ideas"


def card_text(idea: Idea, last_change: str | None = None) -> str:
    """Reference, facts, pseudonymous author, status, escaped text, and who changed it last."""
    language = NATIVE_NAMES.get(idea.language or "", _("not recognised"))
    status = status_label(idea.status)
    if idea.hidden:
        status += " · " + _("hidden after reports, please review")
    lines = [
        _("💡 <b>Idea {reference}</b>").format(reference=idea.reference),
        _("Topic: {topic}").format(topic=escape(topic_label(idea.topic))),
        _("Place: {place}").format(place=escape(place_label(idea.district))),
        _("Language: {language}").format(language=escape(language)),
        _("Author: {tag}").format(tag=ideas.author_tag(idea)),
        _("Status: {status}").format(status=escape(status)),
    ]
    if last_change:
        lines.append(last_change)
    lines += ["", f"<blockquote>{escape(idea.text)}</blockquote>"]
    return "\n".join(lines)


async def staff_thread(bot: Bot, session: AsyncSession, chat_id: int) -> int | None:
    """In a forum, the topic "Ideas" (created once, remembered in the database); else None."""
    thread = await repo.staff_topic(session, chat_id, TOPIC_NAME)
    if thread is not None:
        return thread
    chat = await bot.get_chat(chat_id)
    if not chat.is_forum:
        return None
    topic = await bot.create_forum_topic(chat_id, name=_("Ideas"))
    await ideas.remember_topic(session, chat_id, TOPIC_NAME, topic.message_thread_id)
    return topic.message_thread_id


async def post_to_staff(bot: Bot, session: AsyncSession, settings: Settings, idea: Idea) -> None:
    """Photos, location and the card with moderation buttons, in the staff's language."""
    chat_id = settings.staff_chat_id
    if chat_id is None:
        log.warning("STAFF_CHAT_ID is not set; idea %s was not posted", idea.id)
        return
    with get_i18n().use_locale(settings.default_language):
        try:
            thread = await staff_thread(bot, session, chat_id)
            for file in ideas.photos_of(idea):
                if file.startswith("doc:"):
                    await bot.send_document(chat_id, file[4:], message_thread_id=thread)
                else:
                    await bot.send_photo(chat_id, file, message_thread_id=thread)
            if idea.latitude is not None and idea.longitude is not None:
                await bot.send_location(
                    chat_id, idea.latitude, idea.longitude, message_thread_id=thread
                )
            card = await bot.send_message(
                chat_id, card_text(idea), reply_markup=moderation_keyboard(idea),
                message_thread_id=thread,
            )  # fmt: skip
        except TelegramAPIError as error:
            log.warning("idea %s not posted to the staff chat: %s", idea.id, type(error).__name__)
            return
    await ideas.set_staff_message(session, idea.id, chat_id, card.message_id)
