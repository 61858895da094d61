"""The proposals phase for residents: 💶 (when a process takes proposals), the deep link
`start=b<id>` during proposals, a process's proposals, a proposal's card, support / withdraw.

Every press re-reads the process and the proposal: a press from an old screen after proposals
closed is refused with a short alert and the current screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram.filters import CommandObject
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.callbacks import ProposalCb
from bot.presentation import budget_proposals as screens
from bot.presentation.budget_notices import notice_renderer
from bot.services.budget import proposals, voting
from bot.services.budget.notices import Notifier
from bot.services.budget.proposals import SupportOutcome
from bot.services.clock import Clock
from handlers.common import show, show_with_photo

if TYPE_CHECKING:
    from aiogram.types import InlineKeyboardMarkup

    from db.models import User


async def any_collecting(event: object, session: AsyncSession) -> bool:
    """A process takes proposals now (then 💶 shows them beside the open votes)."""
    return bool(await proposals.collecting_processes(session))


async def deep_link_collecting(message: Message, command: CommandObject, session: AsyncSession,
                               user: User) -> bool:  # fmt: skip
    """`/start b<id>` of a process in its proposals phase, for someone past the welcome."""
    process_id = int((command.args or "b0")[1:])
    return user.onboarded and await proposals.open_process(session, process_id) is not None


async def entry_screen(session: AsyncSession, clock: Clock) -> tuple[str, InlineKeyboardMarkup]:
    """What 💶 and a resident's /budget show: proposals to make, votes to take part in."""
    collecting = await proposals.collecting_processes(session)
    votes = await voting.open_processes(session, clock)
    if not collecting and not votes:
        return voting_text_none(), screens.entry_keyboard([], [])
    return screens.entry_text(collecting, votes), screens.entry_keyboard(collecting, votes)


def voting_text_none() -> str:
    """Nothing open (the vote's own sentence)."""
    return _("No vote on the participatory budget is open right now.")


async def entry(callback: CallbackQuery, session: AsyncSession, clock: Clock) -> None:
    """Menu → 💶 while a process takes proposals."""
    await show(callback, *await entry_screen(session, clock))


async def process_screen(
    session: AsyncSession, process_id: int
) -> tuple[str, InlineKeyboardMarkup] | None:
    """A process's proposals; None when it takes none now."""
    process = await proposals.open_process(session, process_id)
    if process is None:
        return None
    listed = await proposals.listed(session, process.id)
    counts = await proposals.supports(session, [p.id for p in listed])
    return screens.process_text(process, listed), screens.process_keyboard(process, listed, counts)


async def deep_link(
    message: Message, command: CommandObject, session: AsyncSession, state: FSMContext
) -> None:
    """`t.me/<bot>?start=b42` while process 42 takes proposals."""
    await state.set_state(None)
    screen = await process_screen(session, int((command.args or "b0")[1:]))
    if screen is not None:
        await message.answer(screen[0], reply_markup=screen[1])


async def _closed(callback: CallbackQuery, answer: CallbackAnswer, session: AsyncSession,
                  clock: Clock) -> None:  # fmt: skip
    answer.text, answer.show_alert = screens.closed_text(), True
    await show_with_photo(callback, *await entry_screen(session, clock), None)


async def listing(
    callback: CallbackQuery, callback_answer: CallbackAnswer, callback_data: ProposalCb,
    session: AsyncSession, clock: Clock, state: FSMContext,
) -> None:  # fmt: skip
    """A process's proposals (also where Cancel in the steps leads)."""
    await state.set_state(None)
    screen = await process_screen(session, callback_data.process)
    if screen is None:
        await _closed(callback, callback_answer, session, clock)
        return
    await show_with_photo(callback, *screen, None)  # Back from a card that is a photo


async def card(
    callback: CallbackQuery, callback_answer: CallbackAnswer, callback_data: ProposalCb,
    session: AsyncSession, clock: Clock, user: User,
) -> None:  # fmt: skip
    """A proposal's card with Support or Withdraw my support (a photo: the card its caption)."""
    listed = await proposals.listed(session, callback_data.process)
    proposal = next((p for p in listed if p.id == callback_data.proposal), None)
    if proposal is None or await proposals.open_process(session, proposal.process_id) is None:
        await _closed(callback, callback_answer, session, clock)
        return
    count = (await proposals.supports(session, [proposal.id]))[proposal.id]
    supporting = await proposals.supporting(session, user, proposal.id)
    own = proposal.user_id == user.id
    keyboard = screens.card_keyboard(proposal, own, supporting)
    if proposal.photo:  # the photo with the card as its caption, the place a map link in it
        caption = screens.card_caption(proposal, count)
        await show_with_photo(callback, caption, keyboard, proposal.photo)
    else:
        await show_with_photo(callback, screens.card_text(proposal, count), keyboard, None)


def notifier(i18n: I18n, settings: Settings) -> Notifier:
    """How authors are told: in their language, the bot's default otherwise."""
    return Notifier(notice_renderer(i18n), settings.default_language)


async def support(
    callback: CallbackQuery, callback_answer: CallbackAnswer, callback_data: ProposalCb,
    session: AsyncSession, clock: Clock, user: User, settings: Settings, i18n: I18n,
) -> None:  # fmt: skip
    """Support, or withdraw support; the card shows the new count."""
    if callback_data.action == "sup":
        outcome = await proposals.support(
            session, clock, user, callback_data.proposal, notifier(i18n, settings)
        )
    else:
        outcome = await proposals.withdraw(session, user, callback_data.proposal)
    if outcome == SupportOutcome.CLOSED:
        await _closed(callback, callback_answer, session, clock)
        return
    alerts = {
        SupportOutcome.ADDED: _("Thank you for your support!"),
        SupportOutcome.REMOVED: _("Your support has been withdrawn."),
        SupportOutcome.ALREADY: _("You already support this proposal."),
        SupportOutcome.OWN: _("This is your own proposal."),
        SupportOutcome.NOT_SUPPORTED: _("You do not support this proposal."),
    }
    callback_answer.text = alerts[outcome]
    await card(callback, callback_answer, callback_data, session, clock, user)
