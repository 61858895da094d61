"""Everything no feature handled: free text, media, unknown commands, stale buttons.

Free text in another language than the interface gets a one-time offer to switch.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n, get_i18n
from aiogram.utils.i18n import gettext as _

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import LanguageOfferCb
from bot.keyboards.common import back_to_menu_keyboard, main_menu_keyboard
from bot.services.language.detection import detect_language
from bot.services.locale import content_language
from bot.services.users import UserService
from handlers.common import main_menu_text

if TYPE_CHECKING:
    from db.models import User


def offer_keyboard(code: str) -> InlineKeyboardMarkup:
    """Yes / No, in the offered language."""
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Yes"), callback_data=LanguageOfferCb(code=code, accept=True))
    builder.button(text=_("No"), callback_data=LanguageOfferCb(code=code, accept=False))
    return builder.as_markup()


async def staff_only(message: Message) -> None:
    """A staff command from someone without the editor role: say so; nothing else happens."""
    reply = _("Announcements are sent by city staff only. You can keep using everything else.")
    await message.answer(reply + "\n\n" + main_menu_text(), reply_markup=main_menu_keyboard())


async def outside_flow(message: Message, user: User, users: UserService, i18n: I18n) -> None:
    """Free text: maybe offer another language; otherwise say so and show the menu."""
    text = message.text or ""
    # German with "du" is German to the detector: no offer to switch from it to "Sie".
    current = content_language(get_i18n().current_locale)
    if text and not text.startswith("/"):
        detected = detect_language(text, current)
        if detected and detected != current and await users.claim_language_offer(user, detected):
            # Written in the detected language: the person may not read the current one.
            with i18n.use_locale(detected):
                question = _("Shall I talk to you in this language from now on?")
                await message.answer(question, reply_markup=offer_keyboard(detected))
            return
    if text.startswith("/"):
        reply = _("I don't know this command. Send /help to see what I can do.")
    elif text:
        reply = _("Sorry, I didn't understand that. Please use the buttons.")
    else:
        reply = _("Sorry, I can only understand text messages and buttons here.")
    await message.answer(reply + "\n\n" + main_menu_text(), reply_markup=main_menu_keyboard())


async def inside_flow(message: Message, state: FSMContext) -> None:
    """Text or media in the middle of a flow: point back to the buttons and the way out."""
    await message.answer(
        _("Please use the buttons in the message above, or send /cancel to stop."),
        reply_markup=back_to_menu_keyboard(),
    )


async def stale_button(callback: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    """A button from an old message, or forged data: harmless note and the menu."""
    callback_answer.text = _("This button is no longer valid.")
    if callback.message is not None:
        await callback.bot.send_message(  # type: ignore[union-attr]
            callback.message.chat.id, main_menu_text(), reply_markup=main_menu_keyboard()
        )


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.message.register(staff_only, Command("announce", "campaigns"))
    router.message.register(outside_flow, StateFilter(None))
    router.message.register(inside_flow)
    router.callback_query.register(stale_button)
    return router
