"""Handing in a proposal, in any language (the idea flow's checks for the text and photo):

    process --Propose a project--> title --5–100 characters--> description --20–2,000-->
    district (city-wide processes only) --a district / whole city--> photo --photo / Skip-->
    location --pin / Skip--> cost --euros / Skip--> preview --Send--> stored; --Cancel--> list
    any step --/cancel, /menu--> end; nothing is stored

The draft lives in the conversation data (the person's own, deleted with /delete); every step
checks again that the process still takes proposals."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.keyboards.callbacks import ProposalCb
from bot.presentation import budget_propose as screens
from bot.presentation.budget_proposals import closed_text
from bot.presentation.idea_input import photo_of, text_problem
from bot.services.budget import proposals
from bot.services.budget.proposals import ProposalDraft, ProposalError
from bot.services.clock import Clock
from bot.services.ideas.lifecycle import CITY, IDEA_DISTRICTS, IdeaError, check_text
from bot.services.locale import content_language
from handlers.budget.proposals import entry_screen
from handlers.common import show

if TYPE_CHECKING:
    from db.models import User


class ProposalFlow(StatesGroup):
    """The steps of handing in a proposal."""

    title = State()
    description = State()
    district = State()
    photo = State()
    location = State()
    cost = State()
    preview = State()


async def start(
    callback: CallbackQuery, callback_answer: CallbackAnswer, callback_data: ProposalCb,
    session: AsyncSession, clock: Clock, state: FSMContext,
) -> None:  # fmt: skip
    """Propose a project: a fresh draft for this process."""
    if await proposals.open_process(session, callback_data.process) is None:
        callback_answer.text, callback_answer.show_alert = closed_text(), True
        await show(callback, *await entry_screen(session, clock))
        return
    await state.set_state(ProposalFlow.title)
    await state.set_data({"process": callback_data.process})
    await show(callback, screens.title_question())


async def title(message: Message, state: FSMContext) -> None:
    """Step 1."""
    try:
        checked = proposals.check_title(message.text or "")
    except ProposalError:
        await message.answer(screens.title_problem())
        return
    await state.update_data(title=checked)
    await state.set_state(ProposalFlow.description)
    await message.answer(screens.description_question())


async def description(message: Message, state: FSMContext, session: AsyncSession) -> None:
    """Step 2; then the district for a city-wide process, else the photo."""
    try:
        checked = check_text(message.text or "")
    except IdeaError as error:
        await message.answer(text_problem(error))
        return
    await state.update_data(description=checked)
    data = await state.get_data()
    process = await proposals.open_process(session, int(data["process"]))
    if process is not None and process.district is None:
        await state.set_state(ProposalFlow.district)
        await message.answer(
            _("Which part of Duisburg is it about? Choose a district or the whole city."),
            reply_markup=screens.district_keyboard(process.id),
        )
        return
    await _ask_photo(message, state, int(data["process"]))


async def _ask_photo(message: Message, state: FSMContext, process_id: int) -> None:
    await state.set_state(ProposalFlow.photo)
    await message.answer(screens.photo_question(), reply_markup=screens.skip_keyboard(process_id))


async def district(callback: CallbackQuery, callback_data: ProposalCb, state: FSMContext) -> None:
    """Step 3 (city-wide processes)."""
    if callback_data.value not in IDEA_DISTRICTS or not isinstance(callback.message, Message):
        return
    await state.update_data(district=None if callback_data.value == CITY else callback_data.value)
    await callback.message.edit_reply_markup(reply_markup=None)
    await _ask_photo(callback.message, state, callback_data.process)


async def photo(message: Message, state: FSMContext) -> None:
    """Step 4: one photo (or an image file), at most 10 MB."""
    file_id, problem = photo_of(message)
    if file_id is None:
        await message.answer(problem or "")
        return
    await state.update_data(photo=file_id)
    await _ask_location(message, state)


async def _ask_location(message: Message, state: FSMContext) -> None:
    data = await state.get_data()
    await state.set_state(ProposalFlow.location)
    await message.answer(
        _("Is there a particular place? Share a location (📎 → Location), or tap Skip."),
        reply_markup=screens.skip_keyboard(int(data["process"])),
    )


async def location(message: Message, state: FSMContext) -> None:
    """Step 5: a location pin."""
    if message.location is None:
        data = await state.get_data()
        await message.answer(_("Please share a location, or tap Skip."),
                             reply_markup=screens.skip_keyboard(int(data["process"])))  # fmt: skip
        return
    await state.update_data(lat=message.location.latitude, lon=message.location.longitude)
    await _ask_cost(message, state)


async def _ask_cost(message: Message, state: FSMContext) -> None:
    data = await state.get_data()
    await state.set_state(ProposalFlow.cost)
    await message.answer(screens.cost_question(),
                         reply_markup=screens.skip_keyboard(int(data["process"])))  # fmt: skip


async def cost(message: Message, state: FSMContext) -> None:
    """Step 6: the author's idea of the cost."""
    try:
        amount = proposals.parse_cost(message.text or "")
    except ProposalError:
        data = await state.get_data()
        await message.answer(screens.cost_problem(),
                             reply_markup=screens.skip_keyboard(int(data["process"])))  # fmt: skip
        return
    await state.update_data(cost=amount)
    await _preview(message, state)


async def _preview(message: Message, state: FSMContext) -> None:
    data = await state.get_data()
    await state.set_state(ProposalFlow.preview)
    await message.answer(screens.preview_text(data),
                         reply_markup=screens.preview_keyboard(int(data["process"])))  # fmt: skip


async def skip(callback: CallbackQuery, state: FSMContext) -> None:
    """Skip the photo, the location or the cost."""
    if not isinstance(callback.message, Message):
        return
    current = await state.get_state()
    await callback.message.edit_reply_markup(reply_markup=None)
    if current == ProposalFlow.photo.state:
        await _ask_location(callback.message, state)
    elif current == ProposalFlow.location.state:
        await _ask_cost(callback.message, state)
    elif current == ProposalFlow.cost.state:
        await _preview(callback.message, state)


async def send(
    callback: CallbackQuery, callback_answer: CallbackAnswer, session: AsyncSession,
    clock: Clock, state: FSMContext, user: User,
) -> None:  # fmt: skip
    """Store the proposal (once: the conversation ends here)."""
    data = await state.get_data()
    await state.clear()
    draft = ProposalDraft(
        title=str(data["title"]), description=str(data["description"]),
        district=data.get("district"), language=content_language(get_i18n().current_locale),
        photo=data.get("photo"), latitude=data.get("lat"), longitude=data.get("lon"),
        cost_idea=data.get("cost"),
    )  # fmt: skip
    proposal = await proposals.submit(session, clock, user, int(data["process"]), draft)
    if proposal is None:
        callback_answer.text, callback_answer.show_alert = closed_text(), True
        await show(callback, *await entry_screen(session, clock))
        return
    process = await proposals.open_process(session, proposal.process_id)
    assert process is not None
    await show(callback, screens.sent_text(proposal, process))
