"""Settings → New volunteering opportunities: the opt-in, and what it matches on.

settings [🤝 New volunteering opportunities] --> status + [🔔 Switch on | 🔕 Switch off]
                                                       [👤 Profile] [⬅️ Back]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.keyboards.callbacks import VolunteerAlertCb
from bot.keyboards.common import notice_switch_keyboard
from bot.services.clock import Clock
from bot.services.volunteering import alerts
from handlers.common import show

if TYPE_CHECKING:
    from db.models import User


def alerts_text(on: bool) -> str:
    """What the notices are, which ones match, and whether they are on."""
    return "\n\n".join(
        (
            _("<b>🤝 New volunteering opportunities</b>"),
            _(
                "When an organisation publishes a new opportunity, I can tell you about it: "
                "in your district or for the whole city, on your topics, with a team that "
                "speaks your language."
            ),
            _("Status: on ✅") if on else _("Status: off"),
            _("You choose your district and topics in your profile."),
        )
    )


def alerts_keyboard(on: bool) -> InlineKeyboardMarkup:
    """Switch · Profile · Back to the settings."""
    return notice_switch_keyboard(on, lambda state: VolunteerAlertCb(on=state))


async def open_alerts(
    callback: CallbackQuery, state: FSMContext, session: AsyncSession, user: User
) -> None:
    """Show whether notices of new opportunities are on."""
    await state.set_state(None)
    on = await alerts.is_on(session, user)
    await show(callback, alerts_text(on), alerts_keyboard(on))


async def switch(
    callback: CallbackQuery, callback_data: VolunteerAlertCb, session: AsyncSession,
    clock: Clock, user: User, callback_answer: CallbackAnswer,
) -> None:  # fmt: skip
    """Switch to the pressed state (an old button pressed again changes nothing)."""
    changed = await alerts.is_on(session, user) != callback_data.on
    await alerts.switch(session, clock, user, callback_data.on)
    callback_answer.text = (
        _("Notices of new opportunities are on.")
        if callback_data.on
        else _("Notices of new opportunities are off.")
    )
    if changed:
        await show(callback, alerts_text(callback_data.on), alerts_keyboard(callback_data.on))
