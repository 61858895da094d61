"""The eligibility answers: the district declared, the age confirmed, the voting code sent.

A wrong district or age is refused politely with the way back (the other votes, the menu); a
wrong code is asked for again. Each answer is checked against the process server-side."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.callbacks import BudgetCb
from bot.presentation import budget_gate as gate_screens
from bot.services.budget import codes, voting
from bot.services.budget.codes import CodeCheck
from bot.services.budget.spec import PLACES
from bot.services.clock import Clock
from handlers.budget import gate
from handlers.common import show

if TYPE_CHECKING:
    from db.models import User

CODE_MAX = 40  # longer than any code with dashes and spaces: not worth a lookup


async def district(
    callback: CallbackQuery, callback_data: BudgetCb, session: AsyncSession, clock: Clock,
    settings: Settings, user: User, state: FSMContext,
) -> None:  # fmt: skip
    """The district the person says they live in: the process's own lets them on."""
    process = await voting.process(session, callback_data.process)
    if process is not None and voting.is_open(process, clock):
        position = callback_data.project
        declared = PLACES[position] if 0 <= position < len(PLACES) else None
        if declared != process.district:
            await show(callback, gate_screens.wrong_district(process), gate_screens.back_keyboard())
            return
        await gate.remember(state, process.id, district=True)
    text, markup = await gate.screen(session, clock, settings, user, state, callback_data.process)
    await show(callback, text, markup)


async def age(
    callback: CallbackQuery, callback_data: BudgetCb, session: AsyncSession, clock: Clock,
    settings: Settings, user: User, state: FSMContext,
) -> None:  # fmt: skip
    """Yes, old enough: on to the ballot; no: a polite refusal."""
    process = await voting.process(session, callback_data.process)
    if process is not None and voting.is_open(process, clock):
        if callback_data.project != 1:
            await show(callback, gate_screens.too_young(process), gate_screens.back_keyboard())
            return
        await gate.remember(state, process.id, age=True)
    text, markup = await gate.screen(session, clock, settings, user, state, callback_data.process)
    await show(callback, text, markup)


async def code(
    message: Message, session: AsyncSession, clock: Clock, settings: Settings, user: User,
    state: FSMContext,
) -> None:  # fmt: skip
    """A voting code typed in: a valid one opens the ballot; otherwise say why, ask again."""
    process_id = int((await state.get_data()).get(gate.CODE_FOR, 0))
    typed = (message.text or "").strip()
    found = await codes.check(session, process_id, typed) if 0 < len(typed) <= CODE_MAX else None
    if found != CodeCheck.VALID:
        await message.answer(
            gate_screens.code_problem(found or CodeCheck.UNKNOWN),
            reply_markup=gate_screens.back_keyboard(),
        )
        return
    await state.set_state(None)
    await gate.remember(state, process_id, code=codes.digest(typed))
    text, markup = await gate.screen(session, clock, settings, user, state, process_id)
    await message.answer(text, reply_markup=markup)
