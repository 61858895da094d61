"""A project's card in the vote (bot.presentation.budget_card): opened from the ballot's
Details, paged with ◀️ ▶️, its toggle, and back to the list. The unconfirmed choice travels in
the buttons as on the list. A card with a photo is a photo message (show_with_photo)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.callbacks import BudgetCb
from bot.presentation import budget as screens
from bot.presentation import budget_card as cards
from bot.services.budget import voting
from bot.services.budget.project_media import project_media
from bot.services.clock import Clock
from handlers.budget import vote
from handlers.common import show_with_photo

if TYPE_CHECKING:
    from db.models import User


async def card(
    callback: CallbackQuery, callback_answer: CallbackAnswer, callback_data: BudgetCb,
    session: AsyncSession, clock: Clock, settings: Settings, user: User, state: FSMContext,
) -> None:  # fmt: skip
    """A project's card ("c": Details, ◀️ ▶️), or its toggle pressed on the card ("ct")."""
    draft = await voting.pressed_draft(session, callback_data.process, callback_data.draft)
    project = draft.projects.get(callback_data.project) if draft is not None else None
    if draft is None or project is None or not voting.is_open(draft.process, clock):
        # An old screen, or the vote closed meanwhile: show the current state instead.
        await vote.open_ballot(callback, callback_data, session, clock, settings, user, state)
        return
    process, projects, chosen = draft.process, draft.projects, draft.chosen
    if callback_data.action == "ct":
        new = vote.toggled(callback_answer, process, projects, chosen, project.id)
        if new is None:
            return
        chosen = new
    media = await project_media(session, project.id)
    keyboard = cards.card_keyboard(process, projects, chosen, project)
    if media.photo is None:
        text = cards.card_text(process, projects, chosen, project, media)
    else:
        text = cards.card_caption(process, projects, chosen, project, media)
    # ◀️ ▶️ from a photo card: the next card's photo differs, and only a caption can be edited.
    paged = callback_data.action == "c" and isinstance(callback.message, Message)
    fresh = paged and bool(callback.message.photo or callback.message.document)  # type: ignore[union-attr]
    await show_with_photo(callback, text, keyboard, media.photo, fresh=fresh)


async def listing(
    callback: CallbackQuery, callback_data: BudgetCb, session: AsyncSession, clock: Clock,
    settings: Settings, user: User, state: FSMContext,
) -> None:  # fmt: skip
    """Back from a card: the ballot list with the choice made so far (a text message)."""
    process = await voting.process(session, callback_data.process)
    projects = await voting.projects_of(session, callback_data.process)
    chosen = voting.draft_choice(projects, callback_data.draft)
    if process is None or chosen is None or not voting.is_open(process, clock):
        await vote.open_ballot(callback, callback_data, session, clock, settings, user, state)
        return
    voted = await voting.ballot(session, settings.poll_key, process.id, user.telegram_id)
    text = screens.ballot_text(process, projects, chosen, voted=voted is not None)
    await show_with_photo(callback, text, screens.ballot_keyboard(process, projects, chosen), None)
