"""/start (with an optional deep-link payload): greeting and privacy notice, or a meeting card.

A returning resident who has seen the current notice gets a short welcome back and the main menu;
a changed notice is shown first by `handlers.privacy.update`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.callbacks import MenuCb
from bot.keyboards.common import main_menu_keyboard, welcome_keyboard
from bot.services.clock import Clock
from bot.services.users import UserService, current_privacy_version
from handlers.common import main_menu_text, show, welcome_text
from handlers.meetings.views import link_id, link_view

if TYPE_CHECKING:
    from db.models import User

DEEP_LINK_MAX = 64


async def start(
    message: Message,
    command: CommandObject,
    state: FSMContext,
    user: User,
    users: UserService,
    session: AsyncSession,
    clock: Clock,
    settings: Settings,
) -> None:
    """Greet and show what is stored and why; for a known person a poster link opens its card."""
    await state.clear()
    if command.args and link_id(command.args) is not None and user.onboarded:
        text, markup = await link_view(session, clock, settings, user, command.args)
        await message.answer(text, reply_markup=markup)
        return
    if user.onboarded and user.privacy_version >= current_privacy_version():
        welcome_back = _("Welcome back to Stadtstimme!")
        await message.answer(
            welcome_back + "\n\n" + main_menu_text(), reply_markup=main_menu_keyboard()
        )
        return
    if command.args:
        # A new person passes the short onboarding first; its end opens the linked card.
        await state.set_data({"deep_link": command.args[:DEEP_LINK_MAX]})
    await users.acknowledge_privacy(user)
    await message.answer(welcome_text(), reply_markup=welcome_keyboard())


async def back_to_welcome(callback: CallbackQuery) -> None:
    """Back from the privacy details during onboarding: the welcome with Continue again."""
    await show(callback, welcome_text(), welcome_keyboard())


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.message.register(start, CommandStart())
    router.callback_query.register(back_to_welcome, MenuCb.filter(F.to == "welcome"))
    return router
