"""/start (with an optional deep-link payload): greeting and privacy notice, or a meeting card."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.common import welcome_keyboard
from bot.services.clock import Clock
from bot.services.users import UserService
from db.models import User
from handlers.common import welcome_text
from handlers.meeting_views import link_id, link_view

router = Router(name=__name__)
DEEP_LINK_MAX = 64


@router.message(CommandStart())
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
    if command.args:
        # A new person passes the short onboarding first; its end opens the linked card.
        await state.set_data({"deep_link": command.args[:DEEP_LINK_MAX]})
    await users.acknowledge_privacy(user)
    await message.answer(welcome_text(), reply_markup=welcome_keyboard())
