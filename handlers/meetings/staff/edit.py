"""/meetings → Edit: a meeting's title, description (per language) and places (role re-checked).

manage --Edit--> menu --Title/Description--> language --pick--> text --text--> manage
                 menu --Places--> capacity --number / No limit--> manage
                 (any step) --/cancel, the menu or Back--> none; nothing is saved before the end
"""

from __future__ import annotations

import json
import re
from html import escape

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import LANGUAGES, Settings
from bot.filters import HasRole
from bot.i18n import language_here
from bot.keyboards.callbacks import MeetingStaffCb
from bot.keyboards.meeting_edit import edit_menu_keyboard, language_pick_keyboard, step_keyboard
from bot.services.bidi import isolate
from bot.services.clock import Clock
from bot.services.meetings import managing
from bot.services.meetings.edits import REMOVE
from bot.services.meetings.lifecycle import TEXT_MAX, TITLE_MAX
from bot.services.vocabulary import MeetingStatus, StaffRole
from handlers.common import show
from handlers.meetings.staff.edit_save import Saver
from handlers.meetings.staff.manage import manage_view

FIELDS = {"etitle": "title", "edesc": "description"}

EDITOR = HasRole(StaffRole.EDITOR)


class EditFlow(StatesGroup):
    """Waiting for a text (title or description in one language) or a number of places."""

    text = State()
    capacity = State()


def text_question(field: str, language: str, current: str | None) -> str:
    """Ask for one language's title or description, showing what is there now."""
    name = _("Language: {language}").format(language=language_here(language))
    limit = TITLE_MAX if field == "title" else TEXT_MAX
    if field == "title":
        ask = ngettext(
            "Send the new title in this language (one line, at most {limit} character).",
            "Send the new title in this language (one line, at most {limit} characters).",
            limit,
        )
    else:
        ask = ngettext(
            "Send the new description in this language (at most {limit} character).",
            "Send the new description in this language (at most {limit} characters).",
            limit,
        )
    lines = [name + "\n" + ask.format(limit=limit)]
    if current:
        # the text is in the edited language (Arabic in a German view): its own run
        lines.append(_("Now: {text}").format(text=isolate(escape(current))))
    elif language != "de":
        lines.append(_("Now: none – the German text is shown."))
    if current and language != "de":
        lines.append(
            _("Send {dash} to remove it (the German text is shown instead).").format(dash=REMOVE)
        )
    return "\n\n".join((*lines, _("Send /cancel to stop.")))


async def ask(
    callback: CallbackQuery,
    callback_data: MeetingStaffCb,
    state: FSMContext,
    session: AsyncSession,
    settings: Settings,
    callback_answer: CallbackAnswer,
) -> None:
    """The edit menu, the language choice, or the question for the new value."""
    await state.set_state(None)
    meeting_id, action, code = callback_data.id, callback_data.action, callback_data.v
    meeting = await managing.get(session, meeting_id)
    if (
        meeting is None
        or meeting.status == MeetingStatus.CANCELLED
        or (code and code not in LANGUAGES)
    ):
        callback_answer.text = _("This button is no longer valid.")
        return
    if action == "edit":
        hint = _("What would you like to edit? Text changes are not sent to registered people.")
        view = await manage_view(session, settings, meeting_id)
        head = view[0] if view else ""
        await show(callback, head + "\n\n" + hint, edit_menu_keyboard(meeting_id))
    elif action == "ecap":
        counts = await managing.attendance(session, meeting_id)
        await state.set_state(EditFlow.capacity)
        await state.set_data({"meeting": meeting_id})
        question = _(
            "How many places? Now: {capacity} · registered: {registered} · waiting: {waiting}."
        ).format(capacity=meeting.capacity or "∞", registered=counts["registered"],
                 waiting=counts["waiting"])  # fmt: skip
        more = _(
            "Send a number, or tap No limit. More places move people up from the waiting list."
        )
        text = "\n\n".join((question, more, _("Send /cancel to stop.")))
        await show(callback, text, step_keyboard(meeting_id, no_limit=True))
    elif not code:
        texts: dict[str, str] = json.loads(getattr(meeting, FIELDS[action]) or "{}")
        question = _("Which language? ✅ marks those with a text; the others show the German one.")
        await show(callback, question, language_pick_keyboard(meeting_id, action, set(texts)))
    else:
        current = json.loads(getattr(meeting, FIELDS[action]) or "{}").get(code)
        await state.set_state(EditFlow.text)
        await state.set_data({"meeting": meeting_id, "field": FIELDS[action], "language": code})
        await show(
            callback, text_question(FIELDS[action], code, current), step_keyboard(meeting_id)
        )


async def typed_text(
    message: Message, state: FSMContext, session: AsyncSession, clock: Clock, settings: Settings
) -> None:
    """The new text: saved, or a hint what to fix (stickers, photos and commands included)."""
    data = await state.get_data()
    text = message.text
    if text is None or text.startswith("/"):
        hint = _("Please send the text as a plain message.")
        markup = step_keyboard(int(data.get("meeting", 0)))
        await message.answer(hint + "\n\n" + _("Send /cancel to stop."), reply_markup=markup)
        return
    assert message.from_user is not None
    saver = Saver(session, clock, settings, message.from_user.id)
    if await saver.text(message, data, text):
        await state.clear()


async def typed_capacity(
    message: Message, state: FSMContext, session: AsyncSession, clock: Clock, settings: Settings
) -> None:
    """The new number of places: saved, or a hint what to fix."""
    text = (message.text or "").strip()
    if not re.fullmatch(r"[+-]?\d{1,9}", text):
        hint = _("Please send a whole number of places, e.g. 40 – or tap No limit.")
        meeting_id = int((await state.get_data()).get("meeting", 0))
        await message.answer(hint + "\n\n" + _("Send /cancel to stop."),
                             reply_markup=step_keyboard(meeting_id, no_limit=True))  # fmt: skip
        return
    assert message.from_user is not None
    saver = Saver(session, clock, settings, message.from_user.id)
    if await saver.capacity(message, await state.get_data(), int(text)):
        await state.clear()


async def no_limit(
    callback: CallbackQuery,
    callback_data: MeetingStaffCb,
    state: FSMContext,
    raw_state: str | None,
    session: AsyncSession,
    clock: Clock,
    settings: Settings,
    callback_answer: CallbackAnswer,
) -> None:
    """No limit: only from the places question of this very meeting."""
    data = await state.get_data()
    asked = raw_state == EditFlow.capacity.state and data.get("meeting") == callback_data.id
    if not asked or not isinstance(callback.message, Message):
        callback_answer.text = _("This button is no longer valid.")
        return
    saver = Saver(session, clock, settings, callback.from_user.id)
    if await saver.capacity(callback.message, data, None):
        await state.clear()


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(
        ask, MeetingStaffCb.filter(F.action.in_({"edit", "etitle", "edesc", "ecap"})), EDITOR
    )
    router.message.register(typed_text, StateFilter(EditFlow.text), EDITOR)
    router.message.register(typed_capacity, StateFilter(EditFlow.capacity), EDITOR)
    router.callback_query.register(no_limit, MeetingStaffCb.filter(F.action == "nolimit"), EDITOR)
    return router
