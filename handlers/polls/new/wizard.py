"""/newpoll: the staff's poll wizard (editor role, re-checked at every step and press).

    /newpoll --> question --German question--> options --2–12 answers, one per line--> closes
    closes --"In 1 day/week/2 weeks" or "20.12.2026 18:00"--> preview
    preview --toggle answers/results--> preview                    (preview.py)
    preview --Change audience--> audience --filters, residents, youth groups--> audience
        audience --Back to the preview--> preview                  (audience.py)
    preview --Add a language--> language --a language--> translated_question --question-->
        translated_options --the same number of answers--> preview
    preview --Send poll--> poll stored and queued for the chosen audience, end
    any step --Cancel, /cancel, main menu--> end; nothing is stored

Invalid input keeps the step and says what is wrong. The draft lives in FSM storage.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from bot.config import Settings
from bot.filters import Has, HasRole
from bot.keyboards.callbacks import PollWizCb
from bot.services.clock import Clock
from bot.services.polls.input import PollAudience, PollError, check_options, check_question
from bot.services.vocabulary import StaffRole
from handlers.common import show
from handlers.polls.new.draft import (
    DURATIONS,
    PollFlow,
    closes_keyboard,
    parse_time,
    preview_keyboard,
    preview_text,
    problem,
)

EDITOR = HasRole(StaffRole.EDITOR)


def answers_of(message: Message) -> list[str]:
    """One answer per non-empty line."""
    return [line.strip() for line in (message.text or "").splitlines() if line.strip()]


async def newpoll(message: Message, state: FSMContext) -> None:
    """Start a new draft (an unsent one is discarded)."""
    await state.set_state(PollFlow.question)
    await state.set_data({"id": secrets.token_hex(4), "questions": {}, "options": {}})
    await message.answer(
        _("Send the poll question in German (up to 300 characters).")
        + "\n"
        + _("Send /cancel to stop.")
    )


async def question(message: Message, state: FSMContext) -> None:
    """The German question."""
    try:
        text = check_question(message.text or "")
    except PollError as error:
        await message.answer(problem(error))
        return
    await state.update_data(questions={"de": text})
    await state.set_state(PollFlow.options)
    await message.answer(
        _("Now send the answers in German, one per line (2 to 12, up to 100 characters each).")
    )


async def options(message: Message, state: FSMContext) -> None:
    """The German answers."""
    try:
        answers = check_options(answers_of(message))
    except PollError as error:
        await message.answer(problem(error))
        return
    await state.update_data(options={"de": answers})
    await state.set_state(PollFlow.closes)
    await message.answer(
        _(
            "When should the poll close? Tap a button or send a date and time like {example}."
        ).format(example="20.12.2026 18:00"),
        reply_markup=closes_keyboard(),
    )


async def _set_closes(state: FSMContext, closes: datetime) -> None:
    # The settings start with the usual choice: residents, one answer, results shown.
    await state.update_data(
        closes=closes.isoformat(), multiple=False, audience=PollAudience().to_json(), show=True
    )
    await state.set_state(PollFlow.preview)


async def closes_typed(
    message: Message, state: FSMContext, settings: Settings, clock: Clock
) -> None:
    """A typed closing time, which must lie in the future."""
    moment = parse_time(message.text or "", settings.zone)
    if moment is None:
        await message.answer(
            _("Please send a date and time like {example}.").format(example="20.12.2026 18:00")
        )
        return
    if moment <= clock.now():
        await message.answer(problem(PollError("closes_in_past", "")))
        return
    await _set_closes(state, moment)
    data = await state.get_data()
    await message.answer(preview_text(data, settings.zone), reply_markup=preview_keyboard(data))


async def closes_chosen(
    callback: CallbackQuery, callback_data: PollWizCb, state: FSMContext, settings: Settings,
    clock: Clock,
) -> None:  # fmt: skip
    """A quick choice: in a day, a week or two weeks."""
    span = DURATIONS.get(callback_data.value)
    if span is None:
        return
    await _set_closes(state, clock.now() + span)
    data = await state.get_data()
    await show(callback, preview_text(data, settings.zone), preview_keyboard(data))


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.message.register(newpoll, Command("newpoll"), EDITOR)
    router.message.register(question, StateFilter(PollFlow.question), EDITOR, Has("text"))
    router.message.register(options, StateFilter(PollFlow.options), EDITOR, Has("text"))
    router.message.register(closes_typed, StateFilter(PollFlow.closes), EDITOR, Has("text"))
    router.callback_query.register(
        closes_chosen, PollWizCb.filter(F.action == "closes"), StateFilter(PollFlow.closes), EDITOR
    )
    return router
