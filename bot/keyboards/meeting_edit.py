"""Keyboards for editing a meeting from /meetings: what to edit, which language, no limit."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.config import LANGUAGES
from bot.i18n import language_here
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import MeetingStaffCb
from bot.keyboards.common import back


def edit_menu_keyboard(meeting_id: int) -> InlineKeyboardMarkup:
    """Title, description, places; back to the meeting."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text="✏️ " + _("Title"), callback_data=MeetingStaffCb(action="etitle", id=meeting_id)
    )
    builder.button(
        text="📝 " + _("Description"), callback_data=MeetingStaffCb(action="edesc", id=meeting_id)
    )
    builder.button(
        text="👥 " + _("Places"), callback_data=MeetingStaffCb(action="ecap", id=meeting_id)
    )
    builder.button(text=back(_("Back")), callback_data=MeetingStaffCb(action="open", id=meeting_id))
    builder.adjust(1)
    return builder.as_markup()


def language_pick_keyboard(meeting_id: int, action: str, present: set[str]) -> InlineKeyboardMarkup:
    """The ten languages; ✅ marks those with a text (the others show German)."""
    builder = InlineKeyboardBuilder()
    for code in LANGUAGES:
        mark = "✅ " if code in present else ""
        builder.button(
            text=mark + language_here(code),
            callback_data=MeetingStaffCb(action=action, id=meeting_id, v=code),
        )
    builder.button(text=back(_("Back")), callback_data=MeetingStaffCb(action="edit", id=meeting_id))
    builder.adjust(2)
    return builder.as_markup()


def step_keyboard(meeting_id: int, *, no_limit: bool = False) -> InlineKeyboardMarkup:
    """While a text or number is awaited: (No limit,) back to the meeting."""
    builder = InlineKeyboardBuilder()
    if no_limit:
        builder.button(
            text="♾ " + _("No limit"), callback_data=MeetingStaffCb(action="nolimit", id=meeting_id)
        )
    builder.button(text=back(_("Back")), callback_data=MeetingStaffCb(action="open", id=meeting_id))
    builder.adjust(1)
    return builder.as_markup()
