"""Keyboards used by several features."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardButton, InlineKeyboardMarkup
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _

from bot.i18n import NATIVE_NAMES, RTL_LANGUAGES
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import LanguageCb, MenuCb


def welcome_keyboard() -> InlineKeyboardMarkup:
    """Continue · Language · Privacy details."""
    builder = InlineKeyboardBuilder()
    builder.button(text=forward(_("Continue")), callback_data=MenuCb(to="continue"))
    builder.button(text="🌐 " + _("Language"), callback_data=MenuCb(to="language"))
    builder.button(text="🔒 " + _("About privacy"), callback_data=MenuCb(to="privacy"))
    builder.adjust(1)
    return builder.as_markup()


def _right_to_left() -> bool:
    return get_i18n().current_locale in RTL_LANGUAGES


def forward(label: str) -> str:
    """A label with an arrow pointing in the reading direction."""
    return f"◀️ {label}" if _right_to_left() else f"{label} ▶️"


def back(label: str) -> str:
    """A label with an arrow pointing against the reading direction."""
    return f"{label} ▶️" if _right_to_left() else f"◀️ {label}"


def rows_by_width(builder: InlineKeyboardBuilder, labels: list[str], wide: int = 14) -> None:
    """Two buttons per row, but a long label gets a row of its own (phones cut long labels)."""
    widths, pending = [], 0
    for label in labels:
        if len(_words(label)) > wide:
            widths += [pending] if pending else []
            widths.append(1)
            pending = 0
        else:
            pending += 1
            if pending == 2:
                widths.append(2)
                pending = 0
    builder.adjust(*(widths + ([pending] if pending else [])))


def _words(label: str) -> str:
    """A label without its leading icon (✅, 📍): the words decide the width (locales/STYLE.md)."""
    head, _, rest = label.partition(" ")
    return rest if rest and not any(char.isalnum() for char in head) else label


def main_menu_keyboard() -> InlineKeyboardMarkup:
    """Only entries that work."""
    builder = InlineKeyboardBuilder()
    builder.button(text="💡 " + _("Ideas"), callback_data=MenuCb(to="ideas"))
    builder.button(text="🗓 " + _("Meetings"), callback_data=MenuCb(to="meetings"))
    builder.button(text="📊 " + _("Polls"), callback_data=MenuCb(to="polls"))
    builder.button(text="🤝 " + _("Volunteering"), callback_data=MenuCb(to="volunteering"))
    builder.button(text="💶 " + _("Participatory budget"), callback_data=MenuCb(to="budget"))
    builder.button(text="ℹ️ " + _("Information"), callback_data=MenuCb(to="info"))
    builder.button(text="⚙️ " + _("Settings"), callback_data=MenuCb(to="settings"))
    builder.button(text="❓ " + _("Help"), callback_data=MenuCb(to="help"))
    rows_by_width(builder, [button.text for button in builder.buttons])
    return builder.as_markup()


def back_to_menu_keyboard() -> InlineKeyboardMarkup:
    """A single way back to the main menu."""
    return InlineKeyboardMarkup(inline_keyboard=[[back_to_menu_button()]])


def back_to_menu_button() -> InlineKeyboardButton:
    """The button that leads to the main menu."""
    return InlineKeyboardButton(text="🏠 " + _("Main menu"), callback_data=MenuCb(to="main").pack())


def language_keyboard() -> InlineKeyboardMarkup:
    """The languages in their own names; German twice, with "Sie" and with "du"."""
    builder = InlineKeyboardBuilder()
    for code in NATIVE_NAMES:
        builder.button(text=NATIVE_NAMES[code], callback_data=LanguageCb(code=code))
    builder.adjust(2)
    return builder.as_markup()


def translate_label() -> str:
    """The button that fills a draft's missing language versions from the German."""
    return "🌐 " + _("Translate other languages")


def notice_switch_keyboard(
    on: bool, switch: Callable[[bool], CallbackData]
) -> InlineKeyboardMarkup:
    """Switch on/off (`switch(new state)` is its callback) · Profile · Back to the settings: the
    page of every kind of notice a resident can opt in to."""
    builder = InlineKeyboardBuilder()
    if on:
        builder.button(text="🔕 " + _("Switch off"), callback_data=switch(False))
    else:
        builder.button(text="🔔 " + _("Switch on"), callback_data=switch(True))
    builder.button(text="👤 " + _("Profile"), callback_data=MenuCb(to="profile"))
    builder.button(text=back(_("Back")), callback_data=MenuCb(to="settings"))
    builder.adjust(1)
    return builder.as_markup()
