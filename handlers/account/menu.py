"""Main menu, settings, help and /cancel."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import MenuCb
from bot.keyboards.common import back_to_menu_keyboard, main_menu_keyboard
from bot.services.staff import StaffService
from db.models import User
from handlers.account.profile import ask_consent
from handlers.common import help_text, main_menu_text, show

router = Router(name=__name__)


def settings_keyboard() -> InlineKeyboardMarkup:
    """Language, profile, announcements, privacy, back."""
    builder = InlineKeyboardBuilder()
    builder.button(text="🌐 " + _("Language"), callback_data=MenuCb(to="language"))
    builder.button(text="👤 " + _("Profile"), callback_data=MenuCb(to="profile"))
    builder.button(text="📣 " + _("Announcements"), callback_data=MenuCb(to="announcements"))
    builder.button(text="🗓 " + _("New meetings"), callback_data=MenuCb(to="meeting_alerts"))
    builder.button(text="🔒 " + _("Privacy"), callback_data=MenuCb(to="privacy"))
    builder.button(text="🏠 " + _("Main menu"), callback_data=MenuCb(to="main"))
    builder.adjust(1)
    return builder.as_markup()


@router.message(Command("menu"))
async def menu_command(message: Message, state: FSMContext) -> None:
    """Show the main menu."""
    await state.set_state(None)
    await message.answer(main_menu_text(), reply_markup=main_menu_keyboard())


@router.message(Command("cancel"))
async def cancel_command(message: Message, state: FSMContext) -> None:
    """Leave any flow and show the menu."""
    await state.clear()
    await message.answer(_("Okay, cancelled."), reply_markup=main_menu_keyboard())


@router.message(Command("help"))
async def help_command(message: Message, user: User, staff: StaffService) -> None:
    """Show the help text, with the commands the staff role allows."""
    role = await staff.role_of(user.telegram_id)
    await message.answer(help_text(role), reply_markup=back_to_menu_keyboard())


@router.message(Command("settings"))
async def settings_command(message: Message) -> None:
    """Show the settings."""
    await message.answer(_("<b>Settings</b>"), reply_markup=settings_keyboard())


@router.callback_query(MenuCb.filter(F.to == "continue"))
async def continue_after_welcome(callback: CallbackQuery, state: FSMContext, user: User) -> None:
    """First run: offer the optional profile; afterwards: the main menu."""
    if user.onboarded:
        await show_main_menu(callback, state)
    else:
        await ask_consent(callback, state, mode="o")


@router.callback_query(MenuCb.filter(F.to == "settings"))
async def settings(callback: CallbackQuery, state: FSMContext) -> None:
    """Show the settings."""
    await state.set_state(None)
    await show(callback, _("<b>Settings</b>"), settings_keyboard())


@router.callback_query(MenuCb.filter(F.to == "help"))
async def help_page(callback: CallbackQuery, user: User, staff: StaffService) -> None:
    """Show the help text, with the commands the staff role allows."""
    role = await staff.role_of(user.telegram_id)
    await show(callback, help_text(role), back_to_menu_keyboard())


@router.callback_query(MenuCb.filter(F.to == "main"))
async def show_main_menu(callback: CallbackQuery, state: FSMContext) -> None:
    """Show the main menu (also leaves any flow)."""
    await state.set_state(None)
    await show(callback, main_menu_text(), main_menu_keyboard())
