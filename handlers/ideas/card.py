"""The idea as staff see it in the staff chat: its post (queued in the outbox) and its card."""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import suppress
from html import escape
from typing import TYPE_CHECKING, Any

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError, TelegramBadRequest
from aiogram.utils.i18n import I18n, get_i18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.i18n import language_here
from bot.keyboards.ideas import moderation_keyboard, place_label, status_label
from bot.keyboards.profile import topic_label
from bot.services import idea_notices, ideas
from bot.services.idea_erasure import StaffChatTexts
from bot.services.idea_notices import StaffCall, StaffPost
from db.models import Idea
from db.repositories import ideas as repo

if TYPE_CHECKING:
    from bot.app import Runtime

log = logging.getLogger(__name__)
TOPIC_NAME = "ideas"


def card_text(idea: Idea, author_key: bytes, last_change: str | None = None) -> str:
    """Reference, facts, pseudonymous author, status, escaped text, and who changed it last."""
    tag = ideas.author_tag(idea, author_key) or _("anonymous (data deleted)")
    language = language_here(idea.language) if idea.language else _("not recognised")
    status = status_label(idea.status)
    if idea.hidden:
        status += " · " + _("hidden after reports, please review")
    lines = [
        _("💡 <b>Idea {reference}</b>").format(reference=idea.reference),
        _("Topic: {topic}").format(topic=escape(topic_label(idea.topic))),
        _("Place: {place}").format(place=escape(place_label(idea.district))),
        _("Language: {language}").format(language=escape(language)),
        _("Author: {tag}").format(tag=escape(tag)),
        _("Status: {status}").format(status=escape(status)),
    ]
    if photos := ideas.photos_of(idea):
        lines.append(
            _("Photos: {count} (separate messages marked {reference})").format(
                count=len(photos), reference=idea.reference
            )
        )
    if last_change:
        lines.append(last_change)
    lines += ["", f"<blockquote>{escape(idea.text)}</blockquote>"]
    return "\n".join(lines)


def card_params(idea: Idea, author_key: bytes) -> dict[str, Any]:
    """The card's text and moderation buttons, as Bot API parameters."""
    card: dict[str, Any] = {"text": card_text(idea, author_key)}
    if markup := moderation_keyboard(idea):
        card["reply_markup"] = markup.model_dump(mode="json", exclude_none=True)
    return card


def staff_calls(idea: Idea, thread: int | None, author_key: bytes) -> list[StaffCall]:
    """Photos (captioned with the reference), the place pin, then the card with its buttons."""
    where: dict[str, Any] = {"message_thread_id": thread} if thread else {}
    calls: list[StaffCall] = []
    photos = ideas.photos_of(idea)
    for number, file in enumerate(photos, start=1):
        caption = f"📷 {idea.reference} · {number}/{len(photos)}"
        if file.startswith("doc:"):
            calls.append(("sendDocument", {"document": file[4:], "caption": caption} | where))
        else:
            calls.append(("sendPhoto", {"photo": file, "caption": caption} | where))
    if idea.latitude is not None and idea.longitude is not None:
        venue = {
            "latitude": idea.latitude, "longitude": idea.longitude,
            "title": f"📍 {idea.reference}", "address": place_label(idea.district),
        }  # fmt: skip
        calls.append(("sendVenue", venue | where))
    calls.append(("sendMessage", card_params(idea, author_key) | where))
    return calls


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
            return staff_calls(idea, thread, settings.author_key)

    return StaffPost(chat_id, render)


async def edit_card(
    bot: Bot,
    session: AsyncSession,
    settings: Settings,
    idea: Idea,
    last_change: Callable[[], str] | None = None,
) -> None:
    """Show the idea's new state on its card (if it was posted), in the staff's language."""
    where = await repo.staff_card(session, idea)
    if where is None:
        return
    with get_i18n().use_locale(settings.default_language), suppress(TelegramBadRequest):
        await bot.edit_message_text(
            card_text(idea, settings.author_key, last_change() if last_change else None),
            chat_id=where[0], message_id=where[1], reply_markup=moderation_keyboard(idea),
        )  # fmt: skip


def staff_chat_texts(i18n: I18n, settings: Settings) -> StaffChatTexts:
    """What erasing someone's data shows in the staff chat, in the staff chat's language."""
    language, key = settings.default_language, settings.author_key

    def removed(reference: str) -> str:
        with i18n.context(), i18n.use_locale(language):
            text = _("💡 Idea {reference} was deleted together with its author's data.")
            return text.format(reference=reference)

    def card(idea: Idea) -> dict[str, Any]:
        with i18n.context(), i18n.use_locale(language):
            return card_params(idea, key)

    return StaffChatTexts(removed, card)


async def queue_missed_posts(bot: Bot, runtime: Runtime) -> int:
    """At start-up: queue the posts of undecided ideas handed in while no staff chat was set."""
    settings = runtime.settings
    if settings.staff_chat_id is None:
        return 0
    with runtime.i18n.context():
        async with runtime.session_factory() as session:
            missed = await repo.open_without_staff_post(session, tuple(ideas.OPEN))
            post = await staff_post(bot, session, settings) if missed else None
            if post is None:
                return 0
            await idea_notices.queue_staff_posts(session, missed, post, runtime.clock.now())
    log.info("queued %d ideas for the staff chat that had none", len(missed))
    return len(missed)
