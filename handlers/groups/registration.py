"""Youth groups: /register by a group admin, staff decide in the staff chat, removal.

group: /register (admin) --> request pending --> staff chat card [Approve] [Decline]
card --Approve--> approved (gets polls for "youth groups") ; --Decline--> declined
bot removed from the group --> removed (no more polls)
"""

from __future__ import annotations

import html
import logging

from aiogram import Bot, F, Router
from aiogram.enums import ChatMemberStatus
from aiogram.filters import Command
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.commands import publish_group_menu
from bot.config import Settings
from bot.filters import GroupChat, HasRole, StaffChat, sent_as_the_group
from bot.i18n import NATIVE_NAMES, language_here
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import YouthGroupCb
from bot.services import youth_groups
from bot.services.clock import Clock
from bot.services.locale import content_language, group_locale
from bot.services.vocabulary import StaffRole, YouthGroupStatus

log = logging.getLogger(__name__)
GROUPS = GroupChat()
ADMINS = (ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR)
EDITOR = HasRole(StaffRole.EDITOR)


async def register(
    message: Message, bot: Bot, session: AsyncSession, clock: Clock, settings: Settings,
    i18n: I18n,
) -> None:  # fmt: skip
    """A group admin asks to register the group; staff get a card to decide."""
    sender = message.from_user
    if message.chat.id == settings.staff_chat_id or sender is None:
        return
    admin = sent_as_the_group(message)  # an anonymous admin
    if not admin:
        admin = (await bot.get_chat_member(message.chat.id, sender.id)).status in ADMINS
    if not admin:
        await message.reply(_("Only an admin of this group can register it for city polls."))
        return
    if settings.staff_chat_id is None:
        await message.reply(_("Registration is not possible right now. Please try again later."))
        return
    # The language this update is in (the admin's, for a new group) becomes the group's.
    language = content_language(i18n.current_locale)
    title = message.chat.title or str(message.chat.id)
    group, new = await youth_groups.request(session, clock, message.chat.id, title, language)
    if not new:
        already: dict[str, str] = {
            YouthGroupStatus.PENDING: _(
                "This group's registration is already waiting for the city's answer."
            ),
            YouthGroupStatus.APPROVED: _("This group is already registered for city polls."),
        }
        await message.reply(already[group.status])
        return
    chosen = _("I'll write in {language} here. Admins can change it with /language.")
    thanks = _("Thank you! City staff will check the registration soon.")
    await message.reply(thanks + "\n" + chosen.format(language=NATIVE_NAMES[language]))
    await publish_group_menu(bot, i18n, group.chat_id, language)
    with i18n.use_locale(settings.default_language):
        card = _("New youth group: <b>{title}</b> ({language}). Allow it to receive city polls?")
        builder = InlineKeyboardBuilder()
        builder.button(
            text="✅ " + _("Approve"), callback_data=YouthGroupCb(action="ok", chat=group.chat_id)
        )
        builder.button(
            text="✖️ " + _("Decline"), callback_data=YouthGroupCb(action="no", chat=group.chat_id)
        )
        text = card.format(title=html.escape(group.title), language=language_here(language))
    await bot.send_message(settings.staff_chat_id, text, reply_markup=builder.as_markup())


async def not_editor(callback: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    """Someone in the staff chat without the editor role pressed: say so; nothing changes."""
    callback_answer.text = _("Only editors can do this.")
    callback_answer.show_alert = True


async def decide(
    callback: CallbackQuery, callback_data: YouthGroupCb, session: AsyncSession, clock: Clock,
    i18n: I18n, callback_answer: CallbackAnswer,
) -> None:  # fmt: skip
    """Approve or decline; the group is told in its language."""
    approve = callback_data.action == "ok"
    group_language = await youth_groups.language_of(session, callback_data.chat)
    with i18n.use_locale(group_locale(group_language or "de")):
        notice = (
            _("This group is now registered: city polls will arrive here.")
            if approve
            else _("The city could not register this group for polls.")
        )
    group = await youth_groups.decide(
        session, clock, callback_data.chat, approve, callback.from_user.id, notice
    )
    if group is None or not isinstance(callback.message, Message):
        callback_answer.text = _("This request was already decided.")
        return
    verdict = _("Approved") if approve else _("Declined")
    await callback.message.edit_text(f"{html.escape(group.title)}: {verdict}", reply_markup=None)


async def membership(event: ChatMemberUpdated, session: AsyncSession, clock: Clock) -> None:
    """Removed or left: the group is unregistered."""
    gone = event.new_chat_member.status in (ChatMemberStatus.LEFT, ChatMemberStatus.KICKED)
    if gone and await youth_groups.unregister(
        session, clock, event.chat.id, actor=event.from_user.id
    ):
        log.info("a youth group removed the bot; unregistered")


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.message.register(register, Command("register"), GROUPS)
    router.callback_query.register(
        not_editor, YouthGroupCb.filter(F.action.in_(("ok", "no"))), StaffChat(), ~EDITOR
    )
    router.callback_query.register(
        decide, YouthGroupCb.filter(F.action.in_(("ok", "no"))), StaffChat(), EDITOR
    )
    router.my_chat_member.register(membership, GROUPS)
    return router
