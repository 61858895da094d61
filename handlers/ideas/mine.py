"""My ideas: the resident's own ideas with status and reference; withdraw while undecided.

ideas menu --My ideas--> list --Withdraw I-…--> confirm --Yes--> withdrawn, list again
confirm --No--> list
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery, InlineKeyboardMarkup
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import IdeaCb, MenuCb, MyIdeaCb
from bot.keyboards.common import back
from bot.keyboards.ideas import status_label
from bot.keyboards.profile import topic_label
from bot.presentation.dates import when
from bot.services.clock import Clock
from bot.services.ideas import lifecycle as ideas
from bot.services.ideas.lifecycle import IdeaError
from bot.services.text_length import clip
from handlers.common import show
from handlers.ideas.card import edit_card

if TYPE_CHECKING:
    from db.models import Idea, User

SNIPPET = 80


def snippet(text: str) -> str:
    """The start of an idea's text, escaped."""
    return escape(clip(text, SNIPPET))


def list_text(own: list[Idea], settings: Settings) -> str:
    """One block per idea: reference, status, date, topic and the start of the text."""
    if not own:
        return _("<b>My ideas</b>\nYou have not handed in an idea yet.")
    blocks = [_("<b>My ideas</b>")]
    for idea in own:
        head = f"<b>{idea.reference}</b> · {escape(status_label(idea.status))}"
        facts = f"{when(idea.created_at, settings.zone)} · {escape(topic_label(idea.topic))}"
        blocks.append(f"{head}\n{facts}\n<i>{snippet(idea.text)}</i>")
    return "\n\n".join(blocks)


def list_keyboard(own: list[Idea]) -> InlineKeyboardMarkup:
    """Withdraw buttons for ideas not yet published; back to the Ideas menu."""
    builder = InlineKeyboardBuilder()
    for idea in own:
        if idea.status in ideas.OPEN:
            label = _("Withdraw {reference}").format(reference=idea.reference)
            builder.button(text="↩️ " + label, callback_data=MyIdeaCb(action="withdraw", id=idea.id))
    builder.button(text=back(_("Back")), callback_data=MenuCb(to="ideas"))
    builder.adjust(1)
    return builder.as_markup()


async def show_list(
    callback: CallbackQuery, session: AsyncSession, settings: Settings, user: User
) -> None:
    """Render the resident's ideas."""
    own = await ideas.of_author(session, user)
    await show(callback, list_text(own, settings), list_keyboard(own))


async def my_ideas(
    callback: CallbackQuery, session: AsyncSession, settings: Settings, user: User
) -> None:
    """The list."""
    await show_list(callback, session, settings, user)


async def confirm(
    callback: CallbackQuery, callback_data: MyIdeaCb, session: AsyncSession, user: User,
    callback_answer: CallbackAnswer,
) -> None:  # fmt: skip
    """Ask before withdrawing (only the author's own, unpublished idea)."""
    idea = await ideas.withdrawable(session, user, callback_data.id)
    if idea is None:
        callback_answer.text = _("This button is no longer valid.")
        return
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Yes, withdraw it"), callback_data=MyIdeaCb(action="sure", id=idea.id))
    builder.button(text=_("No, keep it"), callback_data=IdeaCb(action="mine"))
    builder.adjust(1)
    text = _("Withdraw your idea {reference}? It will not be published.")
    await show(callback, text.format(reference=idea.reference), builder.as_markup())


async def withdraw(
    callback: CallbackQuery, callback_data: MyIdeaCb, bot: Bot, session: AsyncSession,
    settings: Settings, clock: Clock, user: User, callback_answer: CallbackAnswer,
) -> None:  # fmt: skip
    """Withdraw, show the list again, and mark the idea withdrawn in the staff chat."""
    try:
        idea = await ideas.withdraw(session, clock, user, callback_data.id)
    except IdeaError:
        callback_answer.text = _("This idea can no longer be withdrawn.")
        await show_list(callback, session, settings, user)
        return
    callback_answer.text = _("Your idea {reference} was withdrawn.").format(
        reference=idea.reference
    )
    await show_list(callback, session, settings, user)
    await edit_card(bot, session, settings, idea, lambda: _("Withdrawn by the author."))


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(my_ideas, IdeaCb.filter(F.action == "mine"))
    router.callback_query.register(confirm, MyIdeaCb.filter(F.action == "withdraw"))
    router.callback_query.register(withdraw, MyIdeaCb.filter(F.action == "sure"))
    return router
