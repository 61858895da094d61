"""Handlers of the vote: thin — read the press, call bot.services.budget.voting, render.

The choice being made lives only in the ballot message's buttons (BudgetCb.draft, a bit mask),
never in the conversation data, which is stored under the person's Telegram id; only a confirmed
ballot is stored, under the keyed hash of the person, and read from there each time."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiogram.filters import CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.callbacks import BudgetCb
from bot.presentation import budget as screens
from bot.services.budget import voting
from bot.services.budget.voting import CastOutcome
from bot.services.clock import Clock
from handlers.budget import gate
from handlers.common import show, show_with_photo

if TYPE_CHECKING:
    from db.models import BudgetProcess, BudgetProject, User

LEGACY_DRAFT = "budget"  # where earlier versions kept the choice in the conversation data


async def onboarded(message: Message, user: User) -> bool:
    """Only people past the welcome get the vote directly; others see the welcome first."""
    return user.onboarded


async def _screen(
    session: AsyncSession, clock: Clock, settings: Settings, user: User, state: FSMContext,
    process_id: int,
) -> tuple[str, Any]:  # fmt: skip
    await _forget_legacy_draft(state)
    return await gate.screen(session, clock, settings, user, state, process_id)


async def deep_link(
    message: Message, command: CommandObject, session: AsyncSession, clock: Clock,
    settings: Settings, user: User, state: FSMContext,
) -> None:  # fmt: skip
    """`t.me/<bot>?start=b42`: the ballot of process 42."""
    await state.set_state(None)
    process_id = int((command.args or "b0")[1:])
    text, markup = await _screen(session, clock, settings, user, state, process_id)
    await message.answer(text, reply_markup=markup)


async def choose(
    callback: CallbackQuery, session: AsyncSession, clock: Clock, state: FSMContext
) -> None:
    """Menu → 💶: the open votes (none: say so, with the way back)."""
    if await state.get_state() == gate.Gate.code.state:
        await state.set_state(None)  # back from the code question: typed text is text again
    processes = await voting.open_processes(session, clock)
    await show(callback, screens.choose_text(processes), screens.choose_keyboard(processes))


async def open_ballot(
    callback: CallbackQuery, callback_data: BudgetCb, session: AsyncSession, clock: Clock,
    settings: Settings, user: User, state: FSMContext,
) -> None:  # fmt: skip
    """A process's ballot, with the person's stored choice ticked."""
    text, markup = await _screen(session, clock, settings, user, state, callback_data.process)
    await show_with_photo(callback, text, markup, None)  # also from a project's photo card


async def _forget_legacy_draft(state: FSMContext) -> None:
    data = await state.get_data()
    if LEGACY_DRAFT in data:
        await state.set_data({k: v for k, v in data.items() if k != LEGACY_DRAFT})


async def toggle(
    callback: CallbackQuery, callback_answer: CallbackAnswer, callback_data: BudgetCb,
    session: AsyncSession, clock: Clock, settings: Settings, user: User, state: FSMContext,
) -> None:  # fmt: skip
    """Tick or untick a project; a tick beyond the budget (or max_projects) is refused."""
    draft = await voting.pressed_draft(session, callback_data.process, callback_data.draft)
    if draft is None or not voting.is_open(draft.process, clock):
        # An old screen, or the vote closed meanwhile: show the current state instead.
        await open_ballot(callback, callback_data, session, clock, settings, user, state)
        return
    process, projects = draft.process, draft.projects
    new = toggled(callback_answer, process, projects, draft.chosen, callback_data.project)
    if new is None:
        return
    voted = await voting.ballot(session, settings.poll_key, process.id, user.telegram_id)
    await show(
        callback,
        screens.ballot_text(process, projects, new, voted=voted is not None),
        screens.ballot_keyboard(process, projects, new),
    )


def toggled(
    callback_answer: CallbackAnswer, process: BudgetProcess, projects: dict[int, BudgetProject],
    chosen: list[int], wanted: int,
) -> list[int] | None:  # fmt: skip
    """The choice with `wanted` ticked or unticked; None (and an alert) if that is refused."""
    new = [p for p in chosen if p != wanted] if wanted in chosen else [*chosen, wanted]
    refused = voting.problem(process, projects, new)
    if refused is None:
        return new
    left = process.budget - sum(projects[p].cost or 0 for p in chosen if p in projects)
    callback_answer.text = screens.refusal(refused, process, left)
    callback_answer.show_alert = True
    return None


async def confirm(
    callback: CallbackQuery, callback_answer: CallbackAnswer, callback_data: BudgetCb,
    session: AsyncSession, clock: Clock, settings: Settings, user: User, state: FSMContext,
) -> None:  # fmt: skip
    """Store the choice as the person's ballot (checked again, in one transaction)."""
    draft = await voting.pressed_draft(session, callback_data.process, callback_data.draft)
    if draft is None:
        await open_ballot(callback, callback_data, session, clock, settings, user, state)
        return
    process, chosen = draft.process, draft.chosen
    first = await voting.ballot(session, settings.poll_key, process.id, user.telegram_id) is None
    if first and voting.is_open(process, clock) and await gate.question(process, state):
        # A question not answered yet (an old or forged screen): ask it, store nothing.
        await open_ballot(callback, callback_data, session, clock, settings, user, state)
        return
    code = (await gate.answers(state, process.id)).get("code")
    outcome = await voting.cast(
        session, clock, settings.poll_key, process, user.telegram_id, chosen, code
    )
    if outcome not in (CastOutcome.SAVED, CastOutcome.CHANGED):
        callback_answer.text = screens.refusal(outcome, process, 0)
        callback_answer.show_alert = True
        if outcome == CastOutcome.CODE_USED:
            await gate.forget(state, process.id)
        if outcome in (CastOutcome.CLOSED, CastOutcome.CODE_USED, CastOutcome.NO_CODE):
            await open_ballot(callback, callback_data, session, clock, settings, user, state)
        return
    await gate.forget(state, process.id)
    changed = outcome == CastOutcome.CHANGED
    saved = screens.saved_text(process, changed)
    await show_with_photo(callback, saved, screens.saved_keyboard(process), None)  # from a card too
