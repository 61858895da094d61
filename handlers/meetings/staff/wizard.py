"""/newmeeting for editors: a new meeting step by step (German texts; more languages via the CLI).

title --text--> description --text/Skip--> district --button--> venue --text--> address --text-->
location --location/Skip--> starts --"YYYY-MM-DD HH:MM"--> ends --"HH:MM"--> capacity
--number/Skip--> confirm --Publish now / Save as draft--> none; /cancel or the menu leave any step
confirm --🌐 Translate / a language--> review of the other languages (wizard_translate.py)
"""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.filters import Has, HasRole
from bot.keyboards.callbacks import MeetingStaffCb
from bot.keyboards.meeting_staff import district_keyboard, save_keyboard, skip_keyboard
from bot.presentation.machine_note import machine_line
from bot.presentation.meetings import full_when
from bot.services.clock import Clock
from bot.services.meetings import managing
from bot.services.meetings.lifecycle import MEETING_DISTRICTS, MeetingError
from bot.services.vocabulary import StaffRole
from handlers.meetings.staff.wizard_steps import (
    NEXT,
    draft_of,
    machine_of,
    parse,
    question,
    versions_of,
)

EDITOR = HasRole(StaffRole.EDITOR)


class Wizard(StatesGroup):
    """The steps of /newmeeting."""

    title = State()
    description = State()
    district = State()
    venue = State()
    address = State()
    location = State()
    starts = State()
    ends = State()
    capacity = State()
    confirm = State()


async def ask(target: Message, state: FSMContext, step: str) -> None:
    """Move to a step and ask its question."""
    await state.set_state(getattr(Wizard, step))
    optional = step in ("description", "location", "capacity")
    markup = district_keyboard() if step == "district" else skip_keyboard() if optional else None
    await target.answer(question(step), reply_markup=markup)


async def start(message: Message, state: FSMContext) -> None:
    """Begin a new meeting."""
    await state.clear()
    await ask(message, state, "title")


async def typed(
    message: Message, state: FSMContext, raw_state: str, clock: Clock, settings: Settings
) -> None:
    """A typed answer to the current step."""
    step = raw_state.rsplit(":", 1)[-1]
    data = await state.get_data()
    if step == "confirm":
        await confirm(message, state, settings)
        return
    if step not in (*NEXT, "capacity"):
        await ask(message, state, step)  # this step wants a button (or a location)
        return
    try:
        value = parse(step, (message.text or "").strip(), data, settings, clock.now())
    except MeetingError:
        await message.answer(_("That does not fit, please try again.") + "\n\n" + question(step))
        return
    await state.update_data({step: value})
    await (
        confirm(message, state, settings) if step == "capacity" else ask(message, state, NEXT[step])
    )


async def located(message: Message, state: FSMContext) -> None:
    """The venue's location on the map."""
    assert message.location is not None
    await state.update_data({"location": [message.location.latitude, message.location.longitude]})
    await ask(message, state, "starts")


async def pressed(
    callback: CallbackQuery,
    callback_data: MeetingStaffCb,
    state: FSMContext,
    raw_state: str,
    settings: Settings,
    callback_answer: CallbackAnswer,
) -> None:
    """Skip an optional step, or pick the district."""
    step = raw_state.rsplit(":", 1)[-1]
    target = callback.message
    if not isinstance(target, Message):
        return
    if (
        callback_data.action == "district"
        and step == "district"
        and callback_data.v in MEETING_DISTRICTS
    ):
        await state.update_data({"district": callback_data.v})
        await ask(target, state, "venue")
    elif callback_data.action == "skip" and step in ("description", "location", "capacity"):
        await (
            confirm(target, state, settings)
            if step == "capacity"
            else ask(target, state, NEXT[step])
        )
    else:
        callback_answer.text = _("This button is no longer valid.")


async def confirm(
    target: Message, state: FSMContext, settings: Settings, extra: list[str] | None = None
) -> None:
    """Show a summary (with the language versions and `extra` lines) and the save buttons."""
    await state.set_state(Wizard.confirm)
    data = await state.get_data()
    draft = draft_of(data)
    places = str(draft.capacity) if draft.capacity else "∞"
    summary = "\n".join(
        (
            f"<b>{escape(draft.title['de'])}</b>",
            escape(full_when(draft.starts, get_i18n().current_locale, settings.zone)),
            f"{escape(draft.venue)}, {escape(draft.address)}",
            _("Places: {count}").format(count=places),
        )
    )
    if machine_of(data):
        summary += "\n\n" + machine_line(machine_of(data))
    summary = "\n\n".join([summary, *(extra or [])])
    markup = save_keyboard(set(versions_of(data)), machine_of(data))
    await target.answer(summary, reply_markup=markup)


async def save(
    callback: CallbackQuery,
    callback_data: MeetingStaffCb,
    state: FSMContext,
    session: AsyncSession,
    clock: Clock,
    settings: Settings,
    callback_answer: CallbackAnswer,
) -> None:
    """Store the meeting (and publish it when asked)."""
    from bot.presentation.meetings import notice_renderer

    try:
        meeting = await managing.save_new(
            session, clock, draft_of(await state.get_data()), created_by=callback.from_user.id,
            publish_now=callback_data.v == "publish",
            render=notice_renderer(get_i18n(), settings.zone),
            default_language=settings.default_language,
        )  # fmt: skip
    except MeetingError:
        await session.rollback()
        callback_answer.text = _("That does not fit, please try again.")
        await state.set_state(Wizard.starts)
        if isinstance(callback.message, Message):
            await callback.message.answer(question("starts"))
        return
    await state.clear()
    link = f"https://t.me/{settings.bot_username}?start=m{meeting.id}"
    text = _("Saved as meeting #{id}. Poster link: {link}").format(id=meeting.id, link=link)
    if isinstance(callback.message, Message):
        await callback.message.edit_reply_markup(reply_markup=None)
        await callback.message.answer(text)


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.message.register(start, Command("newmeeting"), EDITOR)
    router.message.register(typed, StateFilter(Wizard), Has("text"), EDITOR)
    router.message.register(located, StateFilter(Wizard.location), Has("location"), EDITOR)
    router.callback_query.register(
        pressed,
        MeetingStaffCb.filter(F.action.in_({"skip", "district"})),
        StateFilter(Wizard),
        EDITOR,
    )
    router.callback_query.register(
        save, MeetingStaffCb.filter(F.action == "save"), StateFilter(Wizard.confirm), EDITOR
    )
    return router
