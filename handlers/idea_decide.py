"""Applying a staff decision on an idea: the service call, the card edit, the author's notice."""

from __future__ import annotations

from contextlib import suppress
from html import escape

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.types import User as TelegramUser
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards import ideas as keyboards
from bot.services.clock import Clock
from bot.services.idea_moderation import Decision, decide
from bot.services.ideas import IdeaError
from db.models import Idea
from handlers.announce_draft import when
from handlers.idea_card import card_text


def author_notice(idea: Idea, decision: Decision, language: str) -> str:
    """The author's message about a status change, in the author's language."""
    with get_i18n().use_locale(language):
        ref, comment = idea.reference, escape(decision.comment or "")
        if decision.action == "publish":
            head = _(
                "🎉 Your idea {reference} has been published. Everyone can now see and support it."
            ).format(reference=ref)
        elif decision.action == "decline":
            reason = escape(keyboards.reason_label(decision.reason or "other"))
            head = _("Your idea {reference} was not published. Reason: {reason}").format(
                reference=ref, reason=reason
            )
        elif decision.action == "forward":
            head = _("📨 Your idea {reference} has been forwarded to: {department}").format(
                reference=ref, department=comment
            )
            comment = ""
        elif decision.action == "implement":
            head = _("🏁 Your idea {reference} has been implemented. Thank you!").format(
                reference=ref
            )
        else:
            head = _("Your idea {reference} will not be pursued further.").format(reference=ref)
        if comment:
            head += "\n" + _("Comment from the city team: {comment}").format(comment=comment)
        return head


def change_line(idea: Idea, who: TelegramUser, settings: Settings, clock: Clock) -> str:
    """Who set the current status, and when (staff names are shown to staff only)."""
    return _("Last change: {status} by {name}, {date}").format(
        status=escape(keyboards.status_label(idea.status)),
        name=escape(who.full_name),
        date=when(clock.now(), settings),
    )


async def apply(
    bot: Bot,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    idea_id: int,
    decision: Decision,
    who: TelegramUser,
) -> str | None:
    """Decide, then edit the card; returns a problem to tell the presser, or None."""
    try:
        idea, _event = await decide(
            session, clock, idea_id, decision, author_notice, settings.default_language
        )
    except IdeaError as error:
        if error.code == "not_allowed":
            return _("This idea is no longer in a state where this is possible.")
        if error.code == "not_found":
            return _("This idea does not exist.")
        raise
    if idea.staff_chat_id is not None and idea.staff_message_id is not None:
        with suppress(TelegramBadRequest):
            await bot.edit_message_text(
                card_text(idea, change_line(idea, who, settings, clock)),
                chat_id=idea.staff_chat_id,
                message_id=idea.staff_message_id,
                reply_markup=keyboards.moderation_keyboard(idea),
            )
    return None
