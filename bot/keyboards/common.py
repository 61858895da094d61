"""Keyboards used by several features."""

from __future__ import annotations

from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.keyboard import InlineKeyboardBuilder

from bot.config import LANGUAGES
from bot.i18n import NATIVE_NAMES
from bot.keyboards.callbacks import LanguageCb, MenuCb


def welcome_keyboard() -> InlineKeyboardMarkup:
    """Continue · Language · Privacy details."""
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Continue ▶️"), callback_data=MenuCb(to="continue"))
    builder.button(text="🌐 " + _("Language"), callback_data=MenuCb(to="language"))
    builder.button(text="🔒 " + _("Privacy details"), callback_data=MenuCb(to="privacy"))
    builder.adjust(1, 2)
    return builder.as_markup()


def main_menu_keyboard() -> InlineKeyboardMarkup:
    """Only entries that work."""
    builder = InlineKeyboardBuilder()
    builder.button(text="ℹ️ " + _("Information"), callback_data=MenuCb(to="info"))
    builder.button(text="⚙️ " + _("Settings"), callback_data=MenuCb(to="settings"))
    builder.button(text="❓ " + _("Help"), callback_data=MenuCb(to="help"))
    builder.adjust(1, 2)
    return builder.as_markup()


def back_to_menu_keyboard() -> InlineKeyboardMarkup:
    """A single way back to the main menu."""
    return InlineKeyboardMarkup(inline_keyboard=[[back_to_menu_button()]])


def back_to_menu_button() -> InlineKeyboardButton:
    """The button that leads to the main menu."""
    return InlineKeyboardButton(text="🏠 " + _("Main menu"), callback_data=MenuCb(to="main").pack())


def language_keyboard() -> InlineKeyboardMarkup:
    """The ten languages in their own names."""
    builder = InlineKeyboardBuilder()
    for code in LANGUAGES:
        builder.button(text=NATIVE_NAMES[code], callback_data=LanguageCb(code=code))
    builder.adjust(2)
    return builder.as_markup()
