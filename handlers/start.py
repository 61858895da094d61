"""/start (with an optional deep-link payload): greeting and privacy notice."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import CommandObject, CommandStart
from aiogram.fsm.context import FSMContext
from aiogram.types import Message

from bot.keyboards.common import welcome_keyboard
from bot.services.users import UserService
from db.models import User
from handlers.common import welcome_text

router = Router(name=__name__)
DEEP_LINK_MAX = 64


@router.message(CommandStart())
async def start(
    message: Message, command: CommandObject, state: FSMContext, user: User, users: UserService
) -> None:
    """Greet in the user's language and show what is stored and why."""
    await state.clear()
    if command.args:
        # Kept for features that open a card from a link (e.g. a meeting poster).
        await state.set_data({"deep_link": command.args[:DEEP_LINK_MAX]})
    await users.acknowledge_privacy(user)
    await message.answer(welcome_text(), reply_markup=welcome_keyboard())
