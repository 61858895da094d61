"""Main menu, settings, help and /cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import MenuCb
from bot.keyboards.common import back_to_menu_keyboard, main_menu_keyboard
from bot.services.staff import StaffService
from handlers.account.profile import ask_consent
from handlers.common import help_text, main_menu_text, show

if TYPE_CHECKING:
    from db.models import User


def settings_keyboard() -> InlineKeyboardMarkup:
    """Language, profile, announcements, new meetings and opportunities, privacy, back."""
    builder = InlineKeyboardBuilder()
    builder.button(text="🌐 " + _("Language"), callback_data=MenuCb(to="language"))
    builder.button(text="👤 " + _("Profile"), callback_data=MenuCb(to="profile"))
    builder.button(text="📣 " + _("Announcements"), callback_data=MenuCb(to="announcements"))
    builder.button(text="🗓 " + _("New meetings"), callback_data=MenuCb(to="meeting_alerts"))
    builder.button(
        text="🤝 " + _("New opportunities"),
        callback_data=MenuCb(to="volunteer_alerts"),
    )
    builder.button(text="🔒 " + _("Privacy"), callback_data=MenuCb(to="privacy"))
    builder.button(text="🏠 " + _("Main menu"), callback_data=MenuCb(to="main"))
    builder.adjust(1)
    return builder.as_markup()


async def menu_command(message: Message, state: FSMContext) -> None:
    """Show the main menu."""
    await state.set_state(None)
    await message.answer(main_menu_text(), reply_markup=main_menu_keyboard())


async def cancel_command(message: Message, state: FSMContext) -> None:
    """Leave any flow and show the menu."""
    await state.clear()
    await message.answer(_("Okay, cancelled."), reply_markup=main_menu_keyboard())


async def help_command(message: Message, user: User, staff: StaffService) -> None:
    """Show the help text, with the commands the staff role allows."""
    role = await staff.role_of(user.telegram_id)
    await message.answer(help_text(role), reply_markup=back_to_menu_keyboard())


async def settings_command(message: Message) -> None:
    """Show the settings."""
    await message.answer(_("<b>Settings</b>"), reply_markup=settings_keyboard())


async def continue_after_welcome(callback: CallbackQuery, state: FSMContext, user: User) -> None:
    """First run: offer the optional profile; afterwards: the main menu."""
    if user.onboarded:
        await show_main_menu(callback, state)
    else:
        await ask_consent(callback, state, mode="o")


async def settings(callback: CallbackQuery, state: FSMContext) -> None:
    """Show the settings."""
    await state.set_state(None)
    await show(callback, _("<b>Settings</b>"), settings_keyboard())


async def help_page(callback: CallbackQuery, user: User, staff: StaffService) -> None:
    """Show the help text, with the commands the staff role allows."""
    role = await staff.role_of(user.telegram_id)
    await show(callback, help_text(role), back_to_menu_keyboard())


async def show_main_menu(callback: CallbackQuery, state: FSMContext) -> None:
    """Show the main menu (also leaves any flow)."""
    await state.set_state(None)
    await show(callback, main_menu_text(), main_menu_keyboard())


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.message.register(menu_command, Command("menu"))
    router.message.register(cancel_command, Command("cancel"))
    router.message.register(help_command, Command("help"))
    router.message.register(settings_command, Command("settings"))
    router.callback_query.register(continue_after_welcome, MenuCb.filter(F.to == "continue"))
    router.callback_query.register(settings, MenuCb.filter(F.to == "settings"))
    router.callback_query.register(help_page, MenuCb.filter(F.to == "help"))
    router.callback_query.register(show_main_menu, MenuCb.filter(F.to == "main"))
    return router
