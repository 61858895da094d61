"""German with "du": offered once to a resident who gives an age group under 18 in German.

One short question with two buttons under the profile step; nothing changes unless accepted.
It is asked in the full set-up only (not when one answer is changed), so nothing derived from
the age answer is ever stored: a child under 16 is promised that no profile is kept. The language
picker offers "Deutsch (du)" to everyone, so the answer can be changed any time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import Bot, Router
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import I18n, get_i18n
from aiogram.utils.i18n import gettext as _

from bot.commands import publish_personal_menu
from bot.config import INFORMAL_GERMAN
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import InformalCb
from bot.services.profile import UNDER_18_AGE_GROUPS
from bot.services.staff import StaffService
from bot.services.users import UserService
from handlers.common import show

if TYPE_CHECKING:
    from db.models import User


def offer_keyboard() -> InlineKeyboardMarkup:
    """Yes, "du" / No, stay formal: one answer per row, so each reads in full on a phone."""
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Yes, say “du”"), callback_data=InformalCb(accept=True))
    builder.button(text=_("No, stay formal"), callback_data=InformalCb(accept=False))
    builder.adjust(1)
    return builder.as_markup()


async def maybe_offer(callback: CallbackQuery, age_group: str, setting_up: bool) -> None:
    """After the age step of the full set-up: ask, if under 18 and reading formal German."""
    if not setting_up or age_group not in UNDER_18_AGE_GROUPS:
        return
    if get_i18n().current_locale != "de" or not isinstance(callback.message, Message):
        return
    question = _("Many young people prefer the informal “du”. Shall I talk to you that way?")
    await callback.message.answer(question, reply_markup=offer_keyboard())


async def answer_offer(
    callback: CallbackQuery, callback_data: InformalCb, user: User, users: UserService,
    staff: StaffService, i18n: I18n,
) -> None:  # fmt: skip
    """Switch to "du" when accepted (and say so in it); otherwise keep the formal German."""
    if not callback_data.accept:
        await show(callback, _("Okay, I'll stay formal."))
        return
    await users.set_language(user, INFORMAL_GERMAN)
    bot: Bot = callback.bot  # type: ignore[assignment]
    role = await staff.role_of(user.telegram_id)
    await publish_personal_menu(bot, i18n, user.telegram_id, role, INFORMAL_GERMAN)
    with i18n.use_locale(INFORMAL_GERMAN):
        await show(callback, _("Okay! From now on I'll use “du”."))


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(answer_offer, InformalCb.filter())
    return router
