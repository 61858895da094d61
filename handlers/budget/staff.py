"""/budget: editors see each process's phase and counts, move it on (after a confirmation) and
open the review queue; in a private chat everyone else gets the residents' 💶 screen. The
editor role is checked on every press, in the private chat and in the staff chat alike."""

from __future__ import annotations

from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.callbacks import BudgetStaffCb
from bot.presentation import budget_staff as screens
from bot.services.budget import overview
from bot.services.clock import Clock
from bot.services.staff import StaffService
from db.models import BudgetPhase, BudgetProcess, StaffRole
from handlers.budget.proposals import entry_screen, notifier
from handlers.common import show


async def command(
    message: Message, session: AsyncSession, clock: Clock, staff: StaffService
) -> None:
    """/budget: the editors' overview, or the residents' screen (a non-editor in the staff
    chat is told it is for editors)."""
    sender = message.from_user
    if sender is not None and await staff.has_role(sender.id, StaffRole.EDITOR):
        listed = await overview.listing(session)
        await message.answer(
            screens.overview_text(listed), reply_markup=screens.overview_keyboard(listed)
        )
    elif message.chat.type == "private":
        text, markup = await entry_screen(session, clock)
        await message.answer(text, reply_markup=markup)
    else:
        await message.reply(_("Only editors can do this."))


async def not_editor(callback: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    """A press on /budget's staff buttons by someone who is not (or no longer) an editor."""
    callback_answer.text, callback_answer.show_alert = _("Only editors can do this."), True


async def home(callback: CallbackQuery, session: AsyncSession) -> None:
    """Back to the overview."""
    listed = await overview.listing(session)
    await show(callback, screens.overview_text(listed), screens.overview_keyboard(listed))


async def ask_move(
    callback: CallbackQuery, callback_answer: CallbackAnswer, callback_data: BudgetStaffCb,
    session: AsyncSession,
) -> None:  # fmt: skip
    """Move on: ask first."""
    process = await session.get(BudgetProcess, callback_data.process)
    phase = BudgetPhase(callback_data.phase) if callback_data.phase else None
    if process is None or phase is None or overview.next_phase(process) != phase:
        callback_answer.text = _("This button is no longer valid.")
        await home(callback, session)
        return
    await show(
        callback, screens.confirm_move_text(process, phase),
        screens.confirm_move_keyboard(process, phase),
    )  # fmt: skip


async def move(
    callback: CallbackQuery, callback_answer: CallbackAnswer, callback_data: BudgetStaffCb,
    session: AsyncSession, clock: Clock, settings: Settings, i18n: I18n,
) -> None:  # fmt: skip
    """Confirmed: move the process on (only one step forward from where it is now)."""
    process = await session.get(BudgetProcess, callback_data.process)
    wanted = BudgetPhase(callback_data.phase) if callback_data.phase else None
    done = False
    if process is not None and wanted is not None and overview.next_phase(process) == wanted:
        how = notifier(i18n, settings)
        result = await overview.move(session, clock, process.id, wanted,
                                     actor=callback.from_user.id, notifier=how)  # fmt: skip
        done = result is not None and result.moved
    callback_answer.text = _("Done") if done else _("This button is no longer valid.")
    await home(callback, session)
