"""/meetings for editors: list, publish a draft, change time or place, cancel (role re-checked).

Change conversation: manage --Change time--> new_time --"YYYY-MM-DD HH:MM"--> manage
                     manage --Change place--> new_place --"Venue, address"--> manage
                     (any state) --/cancel or the menu--> none
"""

from __future__ import annotations

from datetime import datetime
from html import escape

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import get_i18n, ngettext
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.filters import Has, HasRole
from bot.keyboards.callbacks import MeetingStaffCb
from bot.keyboards.meeting_staff import (
    confirm_cancel_keyboard,
    manage_keyboard,
    staff_list_keyboard,
)
from bot.presentation.meetings import facts, list_label, notice_renderer
from bot.services.clock import Clock
from bot.services.meetings import changes as meeting_changes
from bot.services.meetings import managing
from bot.services.meetings.changes import Change
from bot.services.meetings.lifecycle import MeetingError
from bot.services.vocabulary import MeetingStatus, StaffRole
from handlers.common import show
from handlers.meetings.views import language

TIME_FORMAT = "%Y-%m-%d %H:%M"

EDITOR = HasRole(StaffRole.EDITOR)


class ChangeFlow(StatesGroup):
    """Waiting for a new time or a new place."""

    new_time = State()
    new_place = State()


# How the staff list marks a meeting that residents do not see.
MARKS = {MeetingStatus.DRAFT: "📝 ", MeetingStatus.CANCELLED: "⛔ "}


async def staff_list(
    session: AsyncSession, clock: Clock, settings: Settings
) -> tuple[str, InlineKeyboardMarkup]:
    """Meetings that have not ended, drafts and cancelled ones included."""
    items = (await managing.not_ended(session, clock))[:30]
    labels = [
        (
            m,
            MARKS.get(m.status, "") + list_label(m, language(), settings.zone),
        )
        for m in items
    ]
    text = "<b>" + _("Meetings") + "</b>\n\n"
    text += (
        _("Tap one to manage it. New: /newmeeting")
        if items
        else _("No meetings yet. New: /newmeeting")
    )
    return text, staff_list_keyboard(labels)


async def manage_view(
    session: AsyncSession, settings: Settings, meeting_id: int
) -> tuple[str, InlineKeyboardMarkup] | None:
    """One meeting for staff: facts, status and counts (no names)."""
    meeting = await managing.get(session, meeting_id)
    if meeting is None:
        return None
    counts = await managing.attendance(session, meeting_id)
    lines = [f"#{meeting.id}", *facts(meeting, language(), settings.zone)]
    lines.append(
        _("Registered: {registered} · waiting: {waiting}").format(
            registered=counts["registered"], waiting=counts["waiting"]
        )
    )
    if meeting.status != MeetingStatus.PUBLISHED:
        lines.append(_("Status: {status}").format(status=escape(meeting.status)))
    return "\n".join(lines), manage_keyboard(meeting)


async def list_command(
    message: Message, state: FSMContext, session: AsyncSession, clock: Clock, settings: Settings
) -> None:
    """Show the meetings to manage."""
    await state.set_state(None)
    text, markup = await staff_list(session, clock, settings)
    await message.answer(text, reply_markup=markup)


async def navigate(
    callback: CallbackQuery,
    callback_data: MeetingStaffCb,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    settings: Settings,
    callback_answer: CallbackAnswer,
) -> None:
    """The list, one meeting, or the cancel confirmation."""
    await state.set_state(None)
    view = await manage_view(session, settings, callback_data.id)
    if callback_data.action == "list" or view is None:
        await show(callback, *await staff_list(session, clock, settings))
    elif callback_data.action == "cancel":
        question = _("Cancel this meeting? Everyone registered or waiting is told at once.")
        await show(callback, view[0] + "\n\n" + question, confirm_cancel_keyboard(callback_data.id))
    else:
        await show(callback, *view)


async def cancel_or_publish(
    callback: CallbackQuery,
    callback_data: MeetingStaffCb,
    session: AsyncSession,
    clock: Clock,
    settings: Settings,
    callback_answer: CallbackAnswer,
) -> None:
    """Cancel (notices, reminders withdrawn) or publish a draft (subscribers told)."""
    render = notice_renderer(get_i18n(), settings.zone)
    try:
        if callback_data.action == "publish":
            told = await managing.publish_draft(
                session, clock, callback_data.id, render, settings.default_language,
                actor=callback.from_user.id,
            )  # fmt: skip
            callback_answer.text = ngettext(
                "Published. {count} subscriber is told.",
                "Published. {count} subscribers are told.",
                told,
            ).format(count=told)
        else:
            told = await meeting_changes.cancel(
                session, clock, callback_data.id, render, settings.default_language,
                actor=callback.from_user.id,
            )  # fmt: skip
            callback_answer.text = ngettext(
                "Cancelled. {count} person is told.", "Cancelled. {count} people are told.", told
            ).format(count=told)
    except MeetingError:
        await session.rollback()  # let go of the meeting's lock before talking to Telegram
        callback_answer.text = _("This button is no longer valid.")
    view = await manage_view(session, settings, callback_data.id)
    await show(callback, *(view or await staff_list(session, clock, settings)))


async def ask_change(
    callback: CallbackQuery, callback_data: MeetingStaffCb, state: FSMContext
) -> None:
    """Ask for the new time or place."""
    await state.set_state(
        ChangeFlow.new_time if callback_data.action == "time" else ChangeFlow.new_place
    )
    await state.set_data({"meeting": callback_data.id})
    question = (
        _("New start (local time) as YYYY-MM-DD HH:MM? The length stays the same.")
        if callback_data.action == "time"
        else _("New place as: venue, address")
    )
    await show(callback, question + "\n\n" + _("Send /cancel to stop."))


async def apply_change(
    message: Message,
    state: FSMContext,
    raw_state: str,
    session: AsyncSession,
    clock: Clock,
    settings: Settings,
) -> None:
    """Apply the change, tell everyone registered, show the meeting again."""
    if message.from_user is None:  # EDITOR lets only a known sender through
        return
    meeting_id = int((await state.get_data()).get("meeting", 0))
    text = (message.text or "").strip()
    try:
        if raw_state.endswith("new_time"):
            try:
                starts = datetime.strptime(text, TIME_FORMAT).replace(tzinfo=settings.zone)
            except ValueError:
                raise MeetingError("format", "format", "starts") from None
            change = Change(starts=starts)
        else:
            venue, _comma, address = text.partition(",")
            change = Change(venue=venue.strip(), address=address.strip() or "-")
            if not address.strip():
                raise MeetingError("format", "format", "address")
        render = notice_renderer(get_i18n(), settings.zone)
        told = await meeting_changes.change(
            session, clock, meeting_id, change, render, settings.default_language,
            actor=message.from_user.id,
        )  # fmt: skip
    except MeetingError as error:
        await session.rollback()
        hint = (
            _("Please write the start like 2026-12-03 18:00 (in the future).")
            if error.field == "starts"
            else _("Please write the place like: Rathaus Hamborn, Duisburger Str. 213")
            if error.field in ("address", "venue")
            else _("This meeting can't be changed any more.")
        )
        await message.answer(hint)
        return
    await state.clear()
    changed = ngettext(
        "Changed. {count} person is told.", "Changed. {count} people are told.", told
    )
    await message.answer(changed.format(count=told))
    view = await manage_view(session, settings, meeting_id)
    if view is not None:
        await message.answer(view[0], reply_markup=view[1])


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.message.register(list_command, Command("meetings"), EDITOR)
    router.callback_query.register(
        navigate, MeetingStaffCb.filter(F.action.in_({"list", "open", "cancel"})), EDITOR
    )
    router.callback_query.register(
        cancel_or_publish, MeetingStaffCb.filter(F.action.in_({"sure", "publish"})), EDITOR
    )
    router.callback_query.register(
        ask_change, MeetingStaffCb.filter(F.action.in_({"time", "place"})), EDITOR
    )
    router.message.register(apply_change, StateFilter(ChangeFlow), Has("text"), EDITOR)
    return router
