"""Keyboards of the meetings feature: list, card, reminder choice, feedback, subscription."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import MeetingCb, MeetingSubCb, MenuCb
from bot.keyboards.common import back, rows_by_width
from bot.keyboards.ideas import place_label
from bot.services.meetings.lifecycle import MEETING_DISTRICTS
from bot.services.meetings.registration import Seat
from bot.services.meetings.reminders import CHOICES
from db.models import Meeting, RegistrationStatus, ReminderKind


def choice_label(kind: ReminderKind) -> str:
    """A reminder choice in words."""
    labels = {
        ReminderKind.WEEK: _("1 week before"),
        ReminderKind.DAY: _("1 day before"),
        ReminderKind.TWO_HOURS: _("2 hours before"),
    }
    return labels[kind]


def list_keyboard(meetings: list[tuple[Meeting, str]], district: str) -> InlineKeyboardMarkup:
    """One button per meeting (label given), the district filter, and the way back."""
    builder = InlineKeyboardBuilder()
    for meeting, label in meetings:
        builder.button(text=label, callback_data=MeetingCb(action="card", id=meeting.id))
    builder.button(text="🔎 " + _("District"), callback_data=MeetingCb(action="filter"))
    if district:
        builder.button(text=_("All districts"), callback_data=MeetingCb(action="list"))
    builder.button(text="🏠 " + _("Main menu"), callback_data=MenuCb(to="main"))
    builder.adjust(1)
    return builder.as_markup()


def filter_keyboard() -> InlineKeyboardMarkup:
    """Every district (and the whole city) to filter the list."""
    builder = InlineKeyboardBuilder()
    for code in MEETING_DISTRICTS:
        builder.button(text=place_label(code), callback_data=MeetingCb(action="list", v=code))
    builder.button(text=_("All districts"), callback_data=MeetingCb(action="list"))
    rows_by_width(builder, [button.text for button in builder.buttons])
    return builder.as_markup()


def card_keyboard(meeting: Meeting, seat: Seat) -> InlineKeyboardMarkup:
    """Register or give back, calendar, map, reminders, back to the list."""
    builder = InlineKeyboardBuilder()
    mid = meeting.id
    if seat.status is None:
        label = _("Join the waiting list") if seat.free == 0 else _("I'll come")
        builder.button(text="✅ " + label, callback_data=MeetingCb(action="reg", id=mid))
    else:
        builder.button(
            text="✖️ " + _("I can't come after all"), callback_data=MeetingCb(action="unreg", id=mid)
        )
    builder.button(text="📅 " + _("Add to calendar"), callback_data=MeetingCb(action="ics", id=mid))
    builder.button(text="🗺 " + _("Show on map"), callback_data=MeetingCb(action="map", id=mid))
    if seat.status == RegistrationStatus.REGISTERED:
        builder.button(
            text="⏰ " + _("Remind me"), callback_data=MeetingCb(action="remind", id=mid)
        )
    builder.button(text=back(_("Meetings")), callback_data=MeetingCb(action="list"))
    builder.adjust(1)
    return builder.as_markup()


def remind_keyboard(meeting_id: int, chosen: list[ReminderKind]) -> InlineKeyboardMarkup:
    """Toggle each reminder; "No reminders"; back to the card."""
    builder = InlineKeyboardBuilder()
    for kind in CHOICES:
        mark = "✅ " if kind in chosen else "▫️ "
        builder.button(
            text=mark + choice_label(kind),
            callback_data=MeetingCb(action="rset", id=meeting_id, v=kind),
        )
    builder.button(
        text=("✅ " if not chosen else "▫️ ") + _("No reminders"),
        callback_data=MeetingCb(action="rset", id=meeting_id, v="off"),
    )
    builder.button(text=back(_("Back")), callback_data=MeetingCb(action="card", id=meeting_id))
    builder.adjust(1)
    return builder.as_markup()


def open_keyboard(meeting_id: int, *, give_back: bool = False) -> InlineKeyboardMarkup:
    """A notice's buttons: open the card (and give the place back after a promotion)."""
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Details"), callback_data=MeetingCb(action="card", id=meeting_id))
    if give_back:
        builder.button(
            text=_("Give my place back"), callback_data=MeetingCb(action="unreg", id=meeting_id)
        )
    builder.adjust(1)
    return builder.as_markup()


def rating_keyboard(meeting_id: int) -> InlineKeyboardMarkup:
    """1 to 5 stars."""
    builder = InlineKeyboardBuilder()
    for value in range(1, 6):
        builder.button(
            text=f"{value} ⭐", callback_data=MeetingCb(action="rate", id=meeting_id, v=str(value))
        )
    builder.adjust(5)
    return builder.as_markup()


def skip_comment_keyboard(meeting_id: int) -> InlineKeyboardMarkup:
    """Skip the optional comment."""
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Skip"), callback_data=MeetingCb(action="skip", id=meeting_id))
    return builder.as_markup()


def subscription_keyboard(current: str | None) -> InlineKeyboardMarkup:
    """The districts (current one marked), off, back to the settings."""
    builder = InlineKeyboardBuilder()
    for code in MEETING_DISTRICTS:
        mark = "✅ " if code == current else ""
        builder.button(text=mark + place_label(code), callback_data=MeetingSubCb(district=code))
    builder.button(
        text=("✅ " if current is None else "") + _("Off"), callback_data=MeetingSubCb(district="")
    )
    builder.button(text=back(_("Settings")), callback_data=MenuCb(to="settings"))
    rows_by_width(builder, [button.text for button in builder.buttons])
    return builder.as_markup()


def past_keyboard(meeting_id: int) -> InlineKeyboardMarkup:
    """A meeting that has taken place: what came out of it, back to the list."""
    builder = InlineKeyboardBuilder()
    builder.button(text="📝 " + _("What came out of it"),
                   callback_data=MeetingCb(action="outcome", id=meeting_id))  # fmt: skip
    builder.button(text=back(_("Meetings")), callback_data=MeetingCb(action="list"))
    builder.adjust(1)
    return builder.as_markup()


def outcome_keyboard(meeting_id: int) -> InlineKeyboardMarkup:
    """Back from the outcome to the meeting, or to the list."""
    builder = InlineKeyboardBuilder()
    builder.button(text=back(_("Back")), callback_data=MeetingCb(action="card", id=meeting_id))
    builder.adjust(1)
    return builder.as_markup()
