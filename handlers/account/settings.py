"""Announcements on or off: the Settings entry with its switch, and /stop (works anywhere)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.keyboards.callbacks import AnnouncementsCb, MenuCb
from bot.keyboards.common import back_to_menu_keyboard, notice_switch_keyboard
from bot.services.users import UserService
from handlers.common import show

if TYPE_CHECKING:
    from db.models import User


def announcements_text(on: bool) -> str:
    """What announcements are, whether they are on, and where topics are chosen."""
    return "\n\n".join(
        (
            _("<b>📣 Announcements</b>"),
            _(
                "The city sends announcements, for example about public forums (Bürgerforen) "
                "and events."
            ),
            _("Status: on ✅") if on else _("Status: off"),
            _("You choose your district and topics in your profile."),
        )
    )


def announcements_keyboard(on: bool) -> InlineKeyboardMarkup:
    """Switch · Profile · Back."""
    return notice_switch_keyboard(on, lambda state: AnnouncementsCb(on=state))


async def stop(message: Message, user: User, users: UserService) -> None:
    """No more announcements; any flow in progress stays where it is."""
    await users.set_announcements(user, False)
    await message.answer(
        _(
            "You won't get announcements any more. Everything else keeps working. "
            "You can switch them on again under Settings."
        ),
        reply_markup=back_to_menu_keyboard(),
    )


async def open_settings(callback: CallbackQuery, state: FSMContext, user: User) -> None:
    """Show the announcement settings."""
    await state.set_state(None)
    await show(
        callback, announcements_text(user.announcements), announcements_keyboard(user.announcements)
    )


async def switch(
    callback: CallbackQuery,
    callback_data: AnnouncementsCb,
    user: User,
    users: UserService,
    callback_answer: CallbackAnswer,
) -> None:
    """Set announcements to the pressed state (pressing an old button again changes nothing)."""
    changed = user.announcements != callback_data.on
    await users.set_announcements(user, callback_data.on)
    on = user.announcements
    callback_answer.text = _("Announcements are on.") if on else _("Announcements are off.")
    if changed:
        await show(callback, announcements_text(on), announcements_keyboard(on))


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.message.register(stop, Command("stop"))
    router.callback_query.register(open_settings, MenuCb.filter(F.to == "announcements"))
    router.callback_query.register(switch, AnnouncementsCb.filter())
    return router
