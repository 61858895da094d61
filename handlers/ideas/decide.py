"""Applying a staff decision on an idea: the service call, the card edit, the author's notice."""

from __future__ import annotations

from html import escape

from aiogram import Bot
from aiogram.types import User as TelegramUser
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards import ideas as keyboards
from bot.services.bidi import isolate
from bot.services.clock import Clock
from bot.services.idea_moderation import OTHER_REASON, Change, Decision, decide
from bot.services.ideas import IdeaError
from db.models import Idea
from handlers.announcements.draft import when
from handlers.ideas.card import edit_card


def notice_head(idea: Idea, change: Change) -> str:
    """The first line of the author's notice: what happened to the idea."""
    ref, decision = idea.reference, change.decision
    if change.released:
        return _("✅ Your idea {reference} has been checked and can be seen again.").format(
            reference=ref
        )
    if decision.action == "review":
        return _("🔎 Your idea {reference} is now being reviewed by the city team.").format(
            reference=ref
        )
    if decision.action == "publish":
        return _(
            "🎉 Your idea {reference} has been published. Everyone can now see and support it."
        ).format(reference=ref)
    if decision.action == "decline" and decision.reason == OTHER_REASON:
        # the comment is the reason: the author reads it, not the bare words "Other reason"
        return _(
            "Your idea {reference} was not published. The city team explains: {comment}"
        ).format(reference=ref, comment=isolate(escape((decision.comment or "").strip())))
    if decision.action == "decline":
        reason = escape(keyboards.reason_label(decision.reason or "other"))
        return _("Your idea {reference} was not published. Reason: {reason}").format(
            reference=ref, reason=reason
        )
    if decision.action == "forward":
        department = escape(decision.department or "")
        return _("📨 Your idea {reference} has been forwarded to: {department}").format(
            reference=ref, department=isolate(department)
        )
    if decision.action == "implement":
        return _("🏁 Your idea {reference} has been implemented. Thank you!").format(reference=ref)
    return _("Your idea {reference} will not be pursued further.").format(reference=ref)


def author_notice(idea: Idea, change: Change, language: str) -> str:
    """The author's message about a status change with staff's comment, in their language."""
    with get_i18n().use_locale(language):
        text = notice_head(idea, change)
        if (comment := (change.decision.comment or "").strip()) and not explained(change.decision):
            text += "\n" + _("Comment from the city team: {comment}").format(
                comment=isolate(escape(comment))
            )
        return text


def explained(decision: Decision) -> bool:
    """A decline for another reason: its comment is already the notice's explanation."""
    return decision.action == "decline" and decision.reason == OTHER_REASON


def staff_card_lines(decision: Decision) -> list[str]:
    """What the staff card adds below the change: a decline's reason, the comment sent."""
    lines = []
    if decision.action == "decline":
        reason = keyboards.reason_label(decision.reason or "other")
        lines.append(_("Reason: {reason}").format(reason=escape(reason)))
    if comment := (decision.comment or "").strip():
        lines.append(_("Comment to the author: {comment}").format(comment=isolate(escape(comment))))
    return lines


def hidden_notice(idea: Idea, language: str) -> str:
    """The author's message when reports hid the idea, in their language."""
    with get_i18n().use_locale(language):
        return _(
            "Your idea {reference} is hidden for now because several people reported it. "
            "Our team will check it, and you will hear from us."
        ).format(reference=idea.reference)


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

    def change_line() -> str:  # who set the current status, when (staff names: staff only)
        line = _("Last change: {status} by {name}, {date}").format(
            status=escape(keyboards.status_label(idea.status)),
            name=isolate(escape(who.full_name)),  # a name in Arabic must not swallow the date
            date=when(clock.now(), settings),
        )
        return "\n".join([line, *staff_card_lines(decision)])

    await edit_card(bot, session, settings, idea, change_line)
    return None
