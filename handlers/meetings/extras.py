"""Calendar file, map, feedback after a meeting, and the district subscription in Settings.

Feedback conversation: (notice) --rate 1–5--> comment --text--> done
                                              comment --Skip / any menu--> done
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.filters import Has
from bot.keyboards.callbacks import MeetingCb, MeetingSubCb, MenuCb
from bot.keyboards.common import back_to_menu_keyboard, main_menu_keyboard
from bot.keyboards.ideas import place_label
from bot.keyboards.meetings import skip_comment_keyboard, subscription_keyboard
from bot.services.clock import Clock
from bot.services.meetings import feedback as meeting_feedback
from bot.services.meetings import lifecycle as meetings
from bot.services.meetings.files import to_ics
from bot.services.meetings.lifecycle import MEETING_DISTRICTS, MeetingError
from handlers.common import show
from handlers.meetings.views import language

if TYPE_CHECKING:
    from db.models import User


class FeedbackFlow(StatesGroup):
    """Waiting for the optional comment after a rating."""

    comment = State()


async def calendar_or_map(callback: CallbackQuery, callback_data: MeetingCb,
                          session: AsyncSession, clock: Clock, settings: Settings,
                          callback_answer: CallbackAnswer) -> None:  # fmt: skip
    """Send the .ics file, or the venue on a map."""
    meeting = await meetings.visible(session, clock, callback_data.id)
    chat_id = callback.from_user.id
    if meeting is None:
        callback_answer.text = _("Sorry, this meeting is no longer available.")
    elif callback_data.action == "ics":
        data = to_ics(meeting, language())
        file = BufferedInputFile(data, filename=f"meeting-{meeting.id}.ics")
        await callback.bot.send_document(chat_id, file)  # type: ignore[union-attr]
    elif meeting.latitude is None or meeting.longitude is None:
        callback_answer.text = _("There is no map location for this meeting yet.")
    else:
        await callback.bot.send_venue(  # type: ignore[union-attr]
            chat_id, meeting.latitude, meeting.longitude, meeting.venue, meeting.address
        )


async def rate(callback: CallbackQuery, callback_data: MeetingCb, state: FSMContext,
               session: AsyncSession, clock: Clock, user: User,
               callback_answer: CallbackAnswer) -> None:  # fmt: skip
    """Store the rating and offer the optional comment."""
    # Only "1"…"5": isdigit() would also pass "²", which int() can't read.
    value = int(callback_data.v) if callback_data.v in ("1", "2", "3", "4", "5") else 0
    try:
        await meeting_feedback.rate(session, clock, user, callback_data.id, value)
    except MeetingError:
        await session.rollback()
        await session.refresh(user)
        callback_answer.text = _("This button is no longer valid.")
        return
    await state.set_state(FeedbackFlow.comment)
    await state.set_data({"meeting": callback_data.id})
    text = _("Thank you! If you like, write a short comment now – or tap Skip.")
    await show(callback, "⭐" * value + "\n\n" + text, skip_comment_keyboard(callback_data.id))


async def skip_comment(callback: CallbackQuery, state: FSMContext) -> None:
    """No comment: thank and show the menu."""
    await state.clear()
    await show(callback, _("Thank you for your feedback!"), main_menu_keyboard())


async def comment(message: Message, state: FSMContext, session: AsyncSession, user: User) -> None:
    """Store the comment."""
    meeting_id = int((await state.get_data()).get("meeting", 0))
    try:
        await meeting_feedback.comment(session, user, meeting_id, message.text or "")
    except MeetingError:
        await session.rollback()
        await session.refresh(user)
        limit = meeting_feedback.COMMENT_MAX
        await message.answer(
            ngettext(
                "Please write at most {limit} character.",
                "Please write at most {limit} characters.",
                limit,
            ).format(limit=limit),
            reply_markup=skip_comment_keyboard(meeting_id),
        )
        return
    await state.clear()
    await message.answer(_("Thank you for your feedback!"), reply_markup=main_menu_keyboard())


async def comment_not_text(message: Message, state: FSMContext) -> None:
    """A sticker or photo instead of the comment."""
    meeting_id = int((await state.get_data()).get("meeting", 0))
    await message.answer(
        _("Please write your comment as text – or tap Skip."),
        reply_markup=skip_comment_keyboard(meeting_id),
    )


async def subscription(callback: CallbackQuery, session: AsyncSession, user: User) -> None:
    """Settings → new meetings: pick a district or switch off."""
    current = await meeting_feedback.subscribed_district(session, user)
    await show(
        callback,
        _("Shall I tell you about new meetings in a district (and remind you 3 days before)?"),
        subscription_keyboard(current),
    )


async def subscribe(callback: CallbackQuery, callback_data: MeetingSubCb, session: AsyncSession,
                    clock: Clock, user: User, callback_answer: CallbackAnswer) -> None:  # fmt: skip
    """Store the district (or none)."""
    district = callback_data.district
    if district and district not in MEETING_DISTRICTS:
        callback_answer.text = _("This button is no longer valid.")
        return
    await meeting_feedback.subscribe(session, clock, user, district or None)
    if district:
        text = _("Done: I will tell you about new meetings in {district}.").format(
            district=place_label(district)
        )
    else:
        text = _("Done: no more notices about new meetings.")
    await show(callback, text, back_to_menu_keyboard())


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(calendar_or_map, MeetingCb.filter(F.action.in_({"ics", "map"})))
    router.callback_query.register(rate, MeetingCb.filter(F.action == "rate"))
    router.callback_query.register(skip_comment, MeetingCb.filter(F.action == "skip"))
    router.message.register(comment, StateFilter(FeedbackFlow.comment), Has("text"))
    router.message.register(comment_not_text, StateFilter(FeedbackFlow.comment))
    router.callback_query.register(subscription, MenuCb.filter(F.to == "meeting_alerts"))
    router.callback_query.register(subscribe, MeetingSubCb.filter())
    return router
