"""Residents browse volunteering: 🤝 in the main menu, filters, a card, the deep link v<id>."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram.filters import CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.callbacks import VolunteerCb, VolunteerListCb
from bot.services.clock import Clock
from handlers.common import show
from handlers.volunteering.views import card_view, link_id, list_view

if TYPE_CHECKING:
    from db.models import User


async def open_list(
    callback: CallbackQuery, state: FSMContext, session: AsyncSession, clock: Clock, user: User
) -> None:
    """🤝 in the main menu: the list with no filters."""
    await state.set_state(None)
    await show(callback, *await list_view(session, clock, user, VolunteerListCb()))


async def filtered_list(
    callback: CallbackQuery, callback_data: VolunteerListCb, state: FSMContext,
    session: AsyncSession, clock: Clock, user: User,
) -> None:  # fmt: skip
    """A filter changed, a filter's choices, or another page."""
    await state.set_state(None)
    await show(callback, *await list_view(session, clock, user, callback_data))


async def card(
    callback: CallbackQuery, callback_data: VolunteerCb, state: FSMContext,
    session: AsyncSession, clock: Clock, settings: Settings, user: User,
) -> None:  # fmt: skip
    """An opportunity's card; a closed or past one gives the list with a note."""
    await state.set_state(None)
    view = await card_view(session, clock, settings, user, callback_data.id)
    if view is None:
        text, markup = await list_view(session, clock, user, VolunteerListCb())
        await show(
            callback, _("Sorry, this opportunity is no longer available.") + "\n\n" + text, markup
        )
        return
    await show(callback, *view)


async def deep_link(
    message: Message, command: CommandObject, state: FSMContext, session: AsyncSession,
    clock: Clock, settings: Settings, user: User,
) -> None:  # fmt: skip
    """/start v42 from a poster or a shared link: the card (or the list if it is gone)."""
    await state.clear()
    view = await card_view(session, clock, settings, user, link_id(command.args) or 0)
    if view is None:
        text, markup = await list_view(session, clock, user, VolunteerListCb())
        await message.answer(
            _("Sorry, this opportunity is no longer available.") + "\n\n" + text,
            reply_markup=markup,
        )
        return
    await message.answer(view[0], reply_markup=view[1])
