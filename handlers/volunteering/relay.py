"""The resident's side of the relay: answer the organisation, or end the conversation.

relayed message [↩️ Answer] --> write --> to the organisation's inbox (in German, with the
                                          original below, when translation is on)
                [✖️ End]    --> ended; the organisation is told
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.callbacks import VolunteerRelayCb
from bot.keyboards.common import main_menu_keyboard
from bot.presentation import volunteering as texts
from bot.services.clock import Clock
from bot.services.locale import content_language
from bot.services.text_length import utf16_len
from bot.services.translation.engine import Translator
from bot.services.volunteering import ending, relay
from bot.services.volunteering.conversations import RelayOutcome
from bot.services.volunteering.relay import TEXT_MAX
from bot.services.volunteering.relay_translation import RelayText, for_reader
from handlers.volunteering.interest import too_long

if TYPE_CHECKING:
    from db.models import User


class RelayFlow(StatesGroup):
    """Waiting for the resident's answer to an organisation."""

    answer = State()


def refusal(outcome: RelayOutcome) -> str:
    """Why nothing was passed on, for the resident."""
    if outcome == RelayOutcome.FLOOD:
        return _("Too many messages in this conversation right now. Please wait a little.")
    if outcome == RelayOutcome.ENDED:
        return _("This conversation has ended.")
    return _("This conversation no longer exists.")


async def ask_answer(
    callback: CallbackQuery, callback_data: VolunteerRelayCb, state: FSMContext
) -> None:
    """↩️ Answer: the next text goes to the organisation (ownership is checked on sending)."""
    await state.set_state(RelayFlow.answer)
    await state.set_data({"interest": callback_data.id})
    if isinstance(callback.message, Message):
        prompt = _("Write your answer to the organisation. Send /cancel to stop.")
        await callback.message.answer(prompt)


async def end(
    callback: CallbackQuery, callback_data: VolunteerRelayCb, callback_answer: CallbackAnswer,
    session: AsyncSession, clock: Clock, settings: Settings, user: User, i18n: I18n,
) -> None:  # fmt: skip
    """✖️ End: the conversation ends for both sides; the organisation is told."""
    outcome = await ending.end(
        session, clock, interest_id=callback_data.id, resident=user,
        staff_chat_id=settings.staff_chat_id,
        notice=texts.ended_by_resident(i18n, settings.default_language),
    )  # fmt: skip
    callback_answer.text = (
        _("The conversation has ended.") if outcome == RelayOutcome.SENT else refusal(outcome)
    )
    if isinstance(callback.message, Message) and outcome != RelayOutcome.UNKNOWN:
        await callback.message.edit_reply_markup(reply_markup=None)


async def for_org(
    session: AsyncSession, clock: Clock, settings: Settings, translator: Translator | None,
    text: str, *, interest_id: int, user: User,
) -> RelayText:  # fmt: skip
    """The answer, translated into the inbox's language when it would be passed on now."""
    conversation = await relay.ready(session, clock, interest_id=interest_id, resident=user)
    if conversation is None or translator is None:
        return RelayText(text)
    default = settings.default_language
    writer = content_language(texts.resident_language(conversation, default))
    await session.commit()  # no transaction open while the provider answers
    return await for_reader(translator, text, writer=writer, reader=content_language(default))


async def answer(
    message: Message, state: FSMContext, session: AsyncSession, clock: Clock,
    settings: Settings, user: User, i18n: I18n, translator: Translator | None = None,
) -> None:  # fmt: skip
    """The answer: passed on (not stored), or why not."""
    text = (message.text or "").strip()
    if utf16_len(text) > TEXT_MAX:
        await message.answer(too_long(TEXT_MAX))
        return
    interest_id = int((await state.get_data()).get("interest") or 0)
    await state.clear()
    relayed = await for_org(
        session, clock, settings, translator, text, interest_id=interest_id, user=user
    )
    outcome = await relay.to_org(
        session, clock, interest_id=interest_id, resident=user,
        staff_chat_id=settings.staff_chat_id,
        render=texts.to_org(i18n, settings.default_language, relayed),
    )  # fmt: skip
    reply = _("Sent to the organisation.") if outcome == RelayOutcome.SENT else refusal(outcome)
    await message.answer(reply, reply_markup=main_menu_keyboard())
