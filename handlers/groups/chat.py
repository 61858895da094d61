"""What a youth group sees of the bot: /start, /menu, /help in a line or two, and /language.

The group's language is its admins' choice (stored with the registration); a German group is
addressed with "du". LocaleMiddleware already put the update into the group's language.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import Bot, F, Router
from aiogram.enums import ChatMemberStatus
from aiogram.filters import Command, CommandStart
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.commands import publish_group_menu
from bot.config import LANGUAGES, Settings
from bot.filters import GROUP_TYPES, GroupChat, sent_as_the_group
from bot.i18n import NATIVE_NAMES
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import GroupLanguageCb
from bot.services import youth_groups
from bot.services.locale import group_locale
from bot.services.youth_groups import YouthGroupStatus

if TYPE_CHECKING:
    from db.models import YouthGroup

ADMINS = (ChatMemberStatus.CREATOR, ChatMemberStatus.ADMINISTRATOR)


def group_text(group: YouthGroup | None) -> str:
    """One or two lines: what the bot does here, and the next step for this group."""
    status = group.status if group is not None else None
    if status == YouthGroupStatus.APPROVED:
        text = _(
            "This group is registered: city polls arrive here. "
            "Vote right in the poll; your vote is anonymous, only the totals count."
        )
    elif status == YouthGroupStatus.PENDING:
        text = _("This group's registration is already waiting for the city's answer.")
    else:
        text = _(
            "I send the city of Duisburg's polls to registered youth groups. "
            "An admin of this group can register it with /register. "
            "Votes here are anonymous: only the totals count."
        )
    if status in (YouthGroupStatus.APPROVED, YouthGroupStatus.PENDING):
        text += "\n" + _("Admins can change the language with /language.")
    return text


def language_keyboard() -> InlineKeyboardMarkup:
    """The ten languages in their own names (German groups get the "du" texts)."""
    builder = InlineKeyboardBuilder()
    for code in LANGUAGES:
        builder.button(text=NATIVE_NAMES[code], callback_data=GroupLanguageCb(code=code))
    builder.adjust(2)
    return builder.as_markup()


async def is_admin(bot: Bot, chat_id: int, user_id: int) -> bool:
    """Asked of Telegram on every use: admins come and go."""
    member = await bot.get_chat_member(chat_id, user_id)
    return member.status in ADMINS


async def group_info(message: Message, session: AsyncSession, settings: Settings) -> None:
    """Not the resident menu: where this group stands, in its language."""
    if message.chat.id == settings.staff_chat_id:
        return
    group = await youth_groups.get(session, message.chat.id)
    await message.answer(group_text(group))


async def group_language(
    message: Message, bot: Bot, session: AsyncSession, settings: Settings
) -> None:
    """Admins pick the group's language; others are told who may."""
    sender = message.from_user
    if message.chat.id == settings.staff_chat_id or sender is None:
        return
    admin = sent_as_the_group(message) or await is_admin(bot, message.chat.id, sender.id)
    if not admin:
        await message.reply(_("Only an admin of this group can change its language."))
    elif await youth_groups.get(session, message.chat.id) is None:
        await message.reply(_("An admin of this group can register it with /register first."))
    else:
        question = _("Which language should I use in this group?")
        await message.answer(question, reply_markup=language_keyboard())


async def choose_group_language(
    callback: CallbackQuery, callback_data: GroupLanguageCb, bot: Bot, session: AsyncSession,
    i18n: I18n, callback_answer: CallbackAnswer,
) -> None:  # fmt: skip
    """Store the language if the presser is an admin of this group right now."""
    message = callback.message
    if not isinstance(message, Message) or message.chat.type not in GROUP_TYPES:
        return
    if not await is_admin(bot, message.chat.id, callback.from_user.id):
        callback_answer.text = _("Only an admin of this group can change its language.")
        callback_answer.show_alert = True
        return
    group = await youth_groups.set_language(session, message.chat.id, callback_data.code)
    if group is None:
        callback_answer.text = _("An admin of this group can register it with /register first.")
        return
    await publish_group_menu(bot, i18n, message.chat.id, group.language)
    with i18n.use_locale(group_locale(group.language)):
        done = _("Done! I'll write in this language in this group.")
        await message.edit_text(done, reply_markup=None)


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.message.register(group_info, Command("menu", "help"), GroupChat())
    router.message.register(group_info, CommandStart(), GroupChat())
    router.message.register(group_language, Command("language"), GroupChat())
    router.callback_query.register(
        choose_group_language, GroupLanguageCb.filter(F.code.in_(LANGUAGES))
    )
    return router
