"""Keyboards for staff: /meetings (list, manage one) and the /newmeeting wizard."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.config import LANGUAGES
from bot.i18n import language_here
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import MeetingStaffCb
from bot.keyboards.common import back, rows_by_width, translate_label
from bot.keyboards.ideas import place_label
from bot.services.meetings.lifecycle import MEETING_DISTRICTS
from db.models import Meeting, MeetingStatus


def staff_list_keyboard(items: list[tuple[Meeting, str]]) -> InlineKeyboardMarkup:
    """One button per meeting."""
    builder = InlineKeyboardBuilder()
    for meeting, label in items:
        builder.button(text=label, callback_data=MeetingStaffCb(action="open", id=meeting.id))
    builder.adjust(1)
    return builder.as_markup()


def manage_keyboard(meeting: Meeting) -> InlineKeyboardMarkup:
    """Publish (drafts), edit, change time, change place, cancel, back to the list."""
    builder = InlineKeyboardBuilder()
    mid = meeting.id
    if meeting.status == MeetingStatus.DRAFT:
        builder.button(
            text="📢 " + _("Publish"), callback_data=MeetingStaffCb(action="publish", id=mid)
        )
    if meeting.status != MeetingStatus.CANCELLED:
        builder.button(
            text="✏️ " + _("Edit title, text, places"),
            callback_data=MeetingStaffCb(action="edit", id=mid),
        )
        builder.button(
            text="🕒 " + _("Change time"), callback_data=MeetingStaffCb(action="time", id=mid)
        )
        builder.button(
            text="📍 " + _("Change place"), callback_data=MeetingStaffCb(action="place", id=mid)
        )
        builder.button(
            text="⛔ " + _("Cancel meeting"), callback_data=MeetingStaffCb(action="cancel", id=mid)
        )
    builder.button(text=back(_("Back")), callback_data=MeetingStaffCb(action="list"))
    builder.adjust(1)
    return builder.as_markup()


def confirm_cancel_keyboard(meeting_id: int) -> InlineKeyboardMarkup:
    """Yes, cancel it / back."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text="⛔ " + _("Yes, cancel, tell everyone"),
        callback_data=MeetingStaffCb(action="sure", id=meeting_id),
    )
    builder.button(text=back(_("Back")), callback_data=MeetingStaffCb(action="open", id=meeting_id))
    builder.adjust(1)
    return builder.as_markup()


def district_keyboard() -> InlineKeyboardMarkup:
    """The wizard's district step."""
    builder = InlineKeyboardBuilder()
    for code in MEETING_DISTRICTS:
        builder.button(
            text=place_label(code), callback_data=MeetingStaffCb(action="district", v=code)
        )
    rows_by_width(builder, [button.text for button in builder.buttons])
    return builder.as_markup()


def skip_keyboard() -> InlineKeyboardMarkup:
    """Skip an optional wizard step."""
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Skip"), callback_data=MeetingStaffCb(action="skip"))
    return builder.as_markup()


def save_keyboard(
    added: set[str] | None = None, machine: set[str] | None = None
) -> InlineKeyboardMarkup:
    """The other languages' versions (🌐 machine-made, ✅ typed), Translate into the missing
    ones, Publish now or keep as a draft."""
    builder = InlineKeyboardBuilder()
    added, machine = added or set(), machine or set()
    codes = [code for code in LANGUAGES if code in added]
    for code in codes:
        builder.button(
            text=("🌐 " if code in machine else "✅ ") + language_here(code),
            callback_data=MeetingStaffCb(action="version", v=code),
        )
    rows = [3] * (len(codes) // 3) + ([len(codes) % 3] if len(codes) % 3 else [])
    if len(added) < len(LANGUAGES) - 1:
        builder.button(  # full row
            text=translate_label(), callback_data=MeetingStaffCb(action="translate")
        )
        rows.append(1)
    builder.button(  # full row
        text="📢 " + _("Publish now"), callback_data=MeetingStaffCb(action="save", v="publish")
    )
    builder.button(  # full row
        text="📝 " + _("Save as draft"), callback_data=MeetingStaffCb(action="save", v="draft")
    )
    builder.adjust(*rows, 1)
    return builder.as_markup()
