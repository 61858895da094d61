"""Language picker, and the one-time offer to switch after free text in another language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.commands import publish_personal_menu
from bot.i18n import NATIVE_NAMES
from bot.keyboards.callbacks import LanguageCb, LanguageOfferCb, MenuCb
from bot.keyboards.common import language_keyboard, main_menu_keyboard, welcome_keyboard
from bot.services.staff import StaffService
from bot.services.users import UserService
from handlers.common import main_menu_text, show, welcome_text

if TYPE_CHECKING:
    from db.models import User


def picker_text() -> str:
    """The picker's question, with a hint that works for people who can't read it."""
    return "🌐 " + _("Choose your language:")


async def language_command(message: Message) -> None:
    """Show the language picker."""
    await message.answer(picker_text(), reply_markup=language_keyboard())


async def open_picker(callback: CallbackQuery) -> None:
    """Show the language picker in place."""
    await show(callback, picker_text(), language_keyboard())


async def choose(
    callback: CallbackQuery,
    callback_data: LanguageCb,
    user: User,
    users: UserService,
    staff: StaffService,
    i18n: I18n,
) -> None:
    """Store the choice and answer in the new language right away."""
    await switch_language(callback, callback_data.code, user, users, staff, i18n)


async def answer_offer(
    callback: CallbackQuery,
    callback_data: LanguageOfferCb,
    user: User,
    users: UserService,
    staff: StaffService,
    i18n: I18n,
) -> None:
    """Switch when accepted; otherwise keep the current language (the offer is not repeated)."""
    if callback_data.accept:
        await switch_language(callback, callback_data.code, user, users, staff, i18n)
    else:
        await show(callback, _("Okay, I'll keep talking to you in this language."))


async def switch_language(
    callback: CallbackQuery,
    code: str,
    user: User,
    users: UserService,
    staff: StaffService,
    i18n: I18n,
) -> None:
    """Store, update this chat's command menu (with the staff role's), reply in the language."""
    await users.set_language(user, code)
    bot: Bot = callback.bot  # type: ignore[assignment]
    role = await staff.role_of(user.telegram_id)
    await publish_personal_menu(bot, i18n, user.telegram_id, role, code)
    with i18n.use_locale(code):
        if user.onboarded:
            done = _("Done! I'll talk to you in this language from now on.")
            await show(callback, done + "\n\n" + main_menu_text(), main_menu_keyboard())
        else:
            await show(callback, welcome_text(), welcome_keyboard())


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.message.register(language_command, Command("language"))
    router.callback_query.register(open_picker, MenuCb.filter(F.to == "language"))
    router.callback_query.register(choose, LanguageCb.filter(F.code.in_(NATIVE_NAMES)))
    router.callback_query.register(answer_offer, LanguageOfferCb.filter(F.code.in_(NATIVE_NAMES)))
    return router
