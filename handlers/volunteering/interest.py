"""✋ I'm interested: what to share (a message only, or also the contact), the message, sent.

card --✋--> what to share? --💬--> write a message --> card to the organisation's inbox
                            --📇--> share contact (Telegram's button) --> write a message --> …
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message, ReplyKeyboardRemove
from aiogram.utils.i18n import I18n, ngettext
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import VolunteerCb
from bot.keyboards.common import back, main_menu_keyboard
from bot.keyboards.volunteering import contact_keyboard, share_keyboard
from bot.services.clock import Clock
from bot.services.text_length import utf16_len
from bot.services.volunteering import interests
from bot.services.volunteering.interests import MESSAGE_MAX, Card, Outcome
from bot.services.volunteering.opportunities import visible
from handlers.common import show
from handlers.volunteering.views import card_view, inbox_card, spoken_by

if TYPE_CHECKING:
    from db.models import User


class InterestFlow(StatesGroup):
    """Waiting for the contact (Telegram's button), then for the message."""

    contact = State()
    message = State()


def too_long(limit: int) -> str:
    """The text is over the limit (in UTF-16 units, as Telegram counts)."""
    return ngettext(
        "That is too long: please write at most {limit} character.",
        "That is too long: please write at most {limit} characters.",
        limit,
    ).format(limit=limit)


def _gone() -> str:
    return _("Sorry, this opportunity is no longer available.")


async def _still_open(
    callback: CallbackQuery, session: AsyncSession, clock: Clock, user: User, opportunity_id: int
) -> bool:
    """Re-checked on every step: the opportunity is current and this person not yet in."""
    if await visible(session, clock, opportunity_id) is None:
        await show(callback, _gone(), main_menu_keyboard())
        return False
    if await interests.of(session, opportunity_id, user) is not None:
        await show(
            callback,
            _("You already told the organisation you are interested."),
            main_menu_keyboard(),
        )
        return False
    return True


async def ask_what_to_share(
    callback: CallbackQuery, callback_data: VolunteerCb, state: FSMContext,
    session: AsyncSession, clock: Clock, user: User,
) -> None:  # fmt: skip
    """What the organisation gets: only a message through the bot (default), or the contact."""
    await state.set_state(None)
    if not await _still_open(callback, session, clock, user, callback_data.id):
        return
    text = _(
        "What should the organisation get? With “Only a message” your Telegram account stays "
        "hidden: the organisation answers through the bot. Your contact goes to them only if "
        "you choose it here."
    )
    await show(callback, text, share_keyboard(callback_data.id))


def _back_to_card(opportunity_id: int) -> InlineKeyboardBuilder:
    builder = InlineKeyboardBuilder()
    builder.button(text=back(_("Back")), callback_data=VolunteerCb(id=opportunity_id))
    return builder


def _write_prompt() -> str:
    return _(
        "Write a short message to the organisation: who you are and when you could help. "
        "Send /cancel to stop."
    )


async def ask_message(
    callback: CallbackQuery, callback_data: VolunteerCb, state: FSMContext,
    session: AsyncSession, clock: Clock, user: User,
) -> None:  # fmt: skip
    """Only a message: ask for it."""
    if not await _still_open(callback, session, clock, user, callback_data.id):
        return
    await state.set_state(InterestFlow.message)
    await state.set_data({"opportunity": callback_data.id, "contact": None})
    await show(callback, _write_prompt(), _back_to_card(callback_data.id).as_markup())


async def ask_contact(
    callback: CallbackQuery, callback_data: VolunteerCb, state: FSMContext,
    session: AsyncSession, clock: Clock, user: User,
) -> None:  # fmt: skip
    """Also the contact: Telegram's button shares it, only when pressed."""
    if not await _still_open(callback, session, clock, user, callback_data.id) or not isinstance(
        callback.message, Message
    ):
        return
    await state.set_state(InterestFlow.contact)
    await state.set_data({"opportunity": callback_data.id, "contact": None})
    text = _(
        "Tap “Share my contact” below. The organisation then gets your name and phone number "
        "together with your message."
    )
    await callback.message.answer(text, reply_markup=contact_keyboard())


async def got_contact(message: Message, state: FSMContext) -> None:
    """The person's own contact arrived: keep it for the card only, ask for the message."""
    contact, sender = message.contact, message.from_user
    if contact is None or sender is None or contact.user_id != sender.id:
        await message.answer(_("Please share your own contact with the button below."))
        return
    name = " ".join(part for part in (contact.first_name, contact.last_name) if part)
    await state.update_data(contact=f"{name}, {contact.phone_number}")
    await state.set_state(InterestFlow.message)
    await message.answer(_write_prompt(), reply_markup=ReplyKeyboardRemove())


async def no_contact(
    message: Message, state: FSMContext, session: AsyncSession, clock: Clock,
    settings: Settings, user: User,
) -> None:  # fmt: skip
    """Anything but the contact (e.g. Cancel): nothing is shared; back to the card."""
    opportunity_id = int((await state.get_data()).get("opportunity") or 0)
    await state.clear()
    await message.answer(_("Okay, nothing was shared."), reply_markup=ReplyKeyboardRemove())
    view = await card_view(session, clock, settings, user, opportunity_id)
    text, markup = view if view is not None else (_gone(), main_menu_keyboard())
    await message.answer(text, reply_markup=markup)


async def got_message(
    message: Message, state: FSMContext, session: AsyncSession, clock: Clock,
    settings: Settings, user: User, i18n: I18n,
) -> None:  # fmt: skip
    """The message: too long → say so; else the interest is stored and the card queued."""
    text = (message.text or "").strip()
    if utf16_len(text) > MESSAGE_MAX:
        await message.answer(too_long(MESSAGE_MAX))
        return
    data = await state.get_data()
    contact: str | None = data.get("contact")
    languages = sorted(spoken_by(user))

    def render(card: Card) -> str:
        with i18n.use_locale(settings.default_language):
            return inbox_card(card, text, languages, contact)

    outcome, interest = await interests.register(
        session, clock, int(data.get("opportunity") or 0), user, message=text,
        share_contact=contact is not None, staff_chat_id=settings.staff_chat_id, render=render,
    )  # fmt: skip
    await state.clear()
    if outcome == Outcome.SENT and interest is not None:
        reply = _(
            "Sent! The organisation gets your message, your languages and your tag {tag}. "
            "Their answer comes here."
        ).format(tag=interest.tag)
        if contact is not None:
            reply += "\n" + _("They also get the contact you shared.")
    else:
        reply = {
            Outcome.ALREADY: _("You already told the organisation you are interested."),
            Outcome.GONE: _gone(),
            Outcome.NO_INBOX: _("Sending is not possible right now. Please try again later."),
        }[outcome]
    await message.answer(reply, reply_markup=main_menu_keyboard())


async def not_text(message: Message) -> None:
    """A photo, sticker … instead of the message."""
    await message.answer(_("Please write your message as text, or send /cancel to stop."))
