"""Residents and meetings: the list (district filter), the card, registration and reminders."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.callbacks import MeetingCb, MenuCb
from bot.keyboards.meetings import filter_keyboard, remind_keyboard
from bot.presentation.meetings import notice_renderer
from bot.services.clock import Clock
from bot.services.meetings import registration as meeting_registration
from bot.services.meetings.lifecycle import MEETING_DISTRICTS, MeetingError
from bot.services.meetings.reminders import CHOICES, choices
from bot.services.vocabulary import RegistrationStatus, ReminderKind
from handlers.common import show
from handlers.meetings.views import card_view, list_view, outcome_view

if TYPE_CHECKING:
    from db.models import User


async def show_card(callback: CallbackQuery, session: AsyncSession, clock: Clock,
                    settings: Settings, user: User, meeting_id: int,
                    answer: CallbackAnswer) -> None:  # fmt: skip
    """Show a card, or the list with a friendly word when the meeting is gone."""
    view = await card_view(session, clock, settings, user, meeting_id)
    if view is None:
        answer.text = _("Sorry, this meeting is no longer available.")
        await show(callback, *await list_view(session, clock, settings, user, ""))
        return
    await show(callback, *view)


async def open_list(callback: CallbackQuery, state: FSMContext, session: AsyncSession,
                    clock: Clock, settings: Settings, user: User) -> None:  # fmt: skip
    """Main menu → Meetings."""
    await state.set_state(None)
    await show(callback, *await list_view(session, clock, settings, user, ""))


async def navigate(callback: CallbackQuery, callback_data: MeetingCb, session: AsyncSession,
                   clock: Clock, settings: Settings, user: User,
                   callback_answer: CallbackAnswer) -> None:  # fmt: skip
    """The list (optionally one district), the district picker, or one card."""
    if callback_data.action == "filter":
        await show(callback, _("Meetings in which district?"), filter_keyboard())
    elif callback_data.action == "card":
        await show_card(callback, session, clock, settings, user, callback_data.id,
                        callback_answer)  # fmt: skip
    elif callback_data.action == "outcome":
        view = await outcome_view(session, settings, callback_data.id)
        if view is None:
            await show_card(callback, session, clock, settings, user, callback_data.id,
                            callback_answer)  # fmt: skip
            return
        await show(callback, *view)
    else:
        district = callback_data.v if callback_data.v in MEETING_DISTRICTS else ""
        await show(callback, *await list_view(session, clock, settings, user, district))


async def registration(callback: CallbackQuery, callback_data: MeetingCb, session: AsyncSession,
                       clock: Clock, settings: Settings, user: User,
                       callback_answer: CallbackAnswer) -> None:  # fmt: skip
    """I'll come / join the waiting list / I can't come after all."""
    meeting_id = callback_data.id
    try:
        if callback_data.action == "reg":
            status = await meeting_registration.register(session, clock, user, meeting_id)
            callback_answer.text = (
                _("See you there! You are registered.")
                if status == RegistrationStatus.REGISTERED
                else _("The meeting is full. You are on the waiting list; I will tell you "
                       "as soon as a place becomes free.")
            )  # fmt: skip
        else:
            render = notice_renderer(get_i18n(), settings.zone)
            await meeting_registration.unregister(
                session, clock, user, meeting_id, render, settings.default_language
            )
            callback_answer.text = _("Okay, your place is free again. Thank you for telling us.")
    except MeetingError as error:
        await session.rollback()
        await session.refresh(user)
        if error.code in ("already", "not_registered"):  # the screen stays as it is
            callback_answer.text = (
                _("You are already on the list for this meeting.") if error.code == "already"
                else _("You are not registered for this meeting.")
            )  # fmt: skip
            return
    await show_card(callback, session, clock, settings, user, meeting_id, callback_answer)


async def reminders(callback: CallbackQuery, callback_data: MeetingCb, session: AsyncSession,
                    clock: Clock, settings: Settings, user: User,
                    callback_answer: CallbackAnswer) -> None:  # fmt: skip
    """Show the reminder choice, or toggle one choice ("off": none)."""
    meeting_id, value = callback_data.id, callback_data.v
    row = await meeting_registration.seat_row(session, meeting_id, user)
    if row is None:
        callback_answer.text = _("You are not registered for this meeting.")
        await show_card(callback, session, clock, settings, user, meeting_id, callback_answer)
        return
    chosen = choices(row.remind)
    if callback_data.action == "rset":
        if value == "off":
            chosen = []
        elif value in CHOICES:
            chosen = [k for k in chosen if k != value] + (
                [] if value in chosen else [ReminderKind(value)]
            )
        try:
            remind = await meeting_registration.set_reminders(
                session, clock, user, meeting_id, ",".join(chosen)
            )
        except MeetingError:
            await session.rollback()
            await session.refresh(user)
            await show_card(callback, session, clock, settings, user, meeting_id, callback_answer)
            return
        chosen = choices(remind)
        callback_answer.text = _("Saved.")
    await show(callback, _("When shall I remind you?"), remind_keyboard(meeting_id, chosen))


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(open_list, MenuCb.filter(F.to == "meetings"))
    router.callback_query.register(
        navigate, MeetingCb.filter(F.action.in_({"list", "filter", "card", "outcome"}))
    )
    router.callback_query.register(registration, MeetingCb.filter(F.action.in_({"reg", "unreg"})))
    router.callback_query.register(reminders, MeetingCb.filter(F.action.in_({"remind", "rset"})))
    return router
