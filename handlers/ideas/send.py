"""Handing in an idea, last step: preview, edit one part, send (and post to staff), cancel.

location --pin / Skip--> preview
preview --Edit--> parts --a part--> that step --answer--> preview; parts --Back--> preview
preview --Send--> stored with reference number and its staff chat post queued, end
preview --Cancel (any step)--> end; nothing is stored
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import get_i18n, ngettext
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards import ideas as keyboards
from bot.keyboards.callbacks import IdeaCb
from bot.keyboards.common import main_menu_keyboard
from bot.services.clock import Clock
from bot.services.ideas import lifecycle as ideas
from bot.services.ideas.lifecycle import IdeaError
from bot.staff_chat import staff_post
from handlers.common import main_menu_text, show
from handlers.ideas.draft import (
    IdeaFlow,
    district_question,
    draft_of,
    limit_text,
    location_question,
    photos_question,
    preview_text,
    text_question,
    topic_question,
)

if TYPE_CHECKING:
    from db.models import User


async def show_preview(event: Message | CallbackQuery, state: FSMContext) -> None:
    """The preview with Send / Edit / Cancel (a new message, so it stays below the answers)."""
    await state.set_state(IdeaFlow.preview)
    await state.update_data(editing=False)
    data = await state.get_data()
    markup = keyboards.preview_keyboard(data["id"])
    if isinstance(event, CallbackQuery):
        await show(event, preview_text(data), markup)
    else:
        await event.answer(preview_text(data), reply_markup=markup)


async def cancel(callback: CallbackQuery, state: FSMContext) -> None:
    """Throw the draft away."""
    await state.clear()
    done = _("Your idea was not sent. Nothing was stored.")
    await show(callback, done + "\n\n" + main_menu_text(), main_menu_keyboard())


async def edit(callback: CallbackQuery) -> None:
    """Which part to change."""
    await show(callback, _("What would you like to change?"), keyboards.edit_keyboard())


async def back_to_preview(callback: CallbackQuery, state: FSMContext) -> None:
    """Back from the parts to the preview."""
    await show_preview(callback, state)


async def change(
    callback: CallbackQuery, callback_data: IdeaCb, state: FSMContext, user: User
) -> None:
    """Ask that part's question again; its answer leads back to the preview."""
    part = callback_data.value
    await state.update_data(editing=True)
    if part == "topic":
        await state.set_state(IdeaFlow.topic)
        await show(callback, *topic_question())
    elif part == "district":
        await state.set_state(IdeaFlow.district)
        await show(callback, *district_question(user))
    elif part == "text":
        await state.set_state(IdeaFlow.text)
        await show(callback, text_question())
    elif part == "photos":
        await state.update_data(photos=[])
        await state.set_state(IdeaFlow.photos)
        await show(callback, *photos_question(0))
    elif part == "location":
        await state.update_data(lat=None, lon=None)
        await state.set_state(IdeaFlow.location)
        await show(callback, *location_question())


async def send(
    callback: CallbackQuery,
    callback_data: IdeaCb,
    state: FSMContext,
    bot: Bot,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    user: User,
    callback_answer: CallbackAnswer,
) -> None:
    """Store the idea with its staff post queued; tell the reference and what happens next."""
    data = await state.get_data()
    if callback_data.value != data.get("id"):
        callback_answer.text = _("This button is no longer valid.")
        return
    try:
        idea = await ideas.submit(
            session, clock, user, draft_of(data), per_day=settings.ideas_per_day,
            ui_language=get_i18n().current_locale, draft_key=f"{user.id}:{data['id']}",
            staff_post=await staff_post(bot, session, settings),
        )  # fmt: skip
    except IdeaError as error:
        if error.code == "duplicate":  # a twin press: the first one already answered
            return
        if error.code != "limit":
            raise
        await state.clear()
        await show(callback, limit_text(settings.ideas_per_day), main_menu_keyboard())
        return
    await state.clear()
    lines = [
        _("✅ <b>Thank you! Your idea has been handed in.</b>"),
        # Translators: "DuisbürgerIdeen" is the name of the city's idea platform; keep it as is.
        _("It is now with DuisbürgerIdeen, the city's idea platform."),
        _("Reference number: <b>{reference}</b>").format(reference=idea.reference),
        "",
        next_steps(settings.idea_response_days),
    ]
    await show(callback, "\n".join(lines), main_menu_keyboard())


def next_steps(days: int) -> str:
    """What happens after sending, with the response time from the settings."""
    if days == 1:
        return _(
            "What happens next: the city's participation team reads every idea, "
            "usually within one working day. If it is published, everyone can see and "
            "support it here. You get a message from us whenever its status changes."
        )
    return ngettext(
        "What happens next: the city's participation team reads every idea, "
        "usually within {days} working day. If it is published, everyone can see and "
        "support it here. You get a message from us whenever its status changes.",
        "What happens next: the city's participation team reads every idea, "
        "usually within {days} working days. If it is published, everyone can see and "
        "support it here. You get a message from us whenever its status changes.",
        days,
    ).format(days=days)


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(
        cancel, IdeaCb.filter(F.action == "cancel"), StateFilter(IdeaFlow)
    )
    router.callback_query.register(
        edit, IdeaCb.filter(F.action == "edit"), StateFilter(IdeaFlow.preview)
    )
    router.callback_query.register(
        back_to_preview, IdeaCb.filter(F.action == "preview"), StateFilter(IdeaFlow.preview)
    )
    router.callback_query.register(
        change, IdeaCb.filter(F.action == "change"), StateFilter(IdeaFlow.preview)
    )
    router.callback_query.register(
        send, IdeaCb.filter(F.action == "send"), StateFilter(IdeaFlow.preview)
    )
    return router
