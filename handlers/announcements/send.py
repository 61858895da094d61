"""/announce, steps 4–5: preview, optional sending time, and creating the campaign.

audience --Continue--> preview: the German version as recipients see it, then a summary
preview --a language--> that version as recipients see it, the summary again (preview.py)
preview --Send now--> campaign (now) + progress message, end
preview --Schedule--> schedule --future date--> the version again, preview with the time
preview with the time --Confirm--> campaign
schedule --malformed or past date--> schedule (says why)
"""

from __future__ import annotations

from datetime import timedelta

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.announce import preview_keyboard, progress_keyboard, scheduled_keyboard
from bot.keyboards.callbacks import AnnounceCb
from bot.presentation.audience import recipients_line
from bot.presentation.dates import when
from bot.services import audience as audiences
from bot.services.campaigns import lifecycle as campaigns
from bot.services.campaigns.input import parse_send_time
from bot.services.campaigns.lifecycle import CampaignError
from bot.services.clock import Clock
from handlers.announcements.draft import (
    EDITOR,
    AnnounceFlow,
    chat_id_of,
    close,
    draft_of,
    send_version,
    text_problem,
)
from handlers.announcements.preview import summary_text


def time_question(settings: Settings, clock: Clock) -> str:
    """Ask for the sending time, with tomorrow evening as the example."""
    tomorrow = clock.now().astimezone(settings.zone) + timedelta(days=1)
    return _("Send date and time ({zone}), e.g. {example}").format(
        zone=settings.timezone, example=tomorrow.strftime("%d.%m.%Y") + " 18:00"
    )


async def show_preview(
    callback: CallbackQuery, state: FSMContext, bot: Bot, session: AsyncSession, settings: Settings
) -> None:
    """Send the German version as recipients will see it, then the summary with the choices."""
    await state.set_state(AnnounceFlow.preview)
    await state.update_data(send_at=None)
    data = await state.get_data()
    await close(callback)
    chat_id = chat_id_of(callback)
    await send_version(bot, chat_id, data, "de")
    text = await summary_text(session, settings, data)
    await bot.send_message(chat_id, text, reply_markup=preview_keyboard(data["id"], data["texts"]))


async def ask_time(
    callback: CallbackQuery, state: FSMContext, bot: Bot, settings: Settings, clock: Clock
) -> None:
    """Ask for the sending time."""
    await state.set_state(AnnounceFlow.schedule)
    await close(callback)
    await bot.send_message(chat_id_of(callback), time_question(settings, clock))


async def receive_time(
    message: Message,
    state: FSMContext,
    bot: Bot,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
) -> None:
    """A future local time: the German version again and the summary with the time below it
    (the summary says "above is this version"); anything else: say why and ask again."""
    try:
        send_at = parse_send_time(message.text or "", settings.zone, clock.now())
    except CampaignError as error:
        if error.code == "in_past":
            problem = _("This time is in the past. Please send a time in the future.")
        elif error.code == "clock_change":
            problem = _(
                "This time does not exist: the clocks go forward that night. Please pick another."
            )
        else:
            problem = _("I can't read this as a date and time.")
        await message.answer(problem + "\n" + time_question(settings, clock))
        return
    await state.update_data(send_at=send_at.isoformat())
    await state.set_state(AnnounceFlow.preview)
    data = await state.get_data()
    await send_version(bot, message.chat.id, data, "de")
    text = await summary_text(session, settings, data)
    await message.answer(text, reply_markup=scheduled_keyboard(data["id"], data["texts"]))


async def create(
    callback: CallbackQuery,
    callback_data: AnnounceCb,
    state: FSMContext,
    bot: Bot,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    """Store the campaign, then post its progress message with a cancel button."""
    data = await state.get_data()
    scheduled = callback_data.action == "confirm"
    fits = callback_data.value == data.get("id") and "de" in data.get("texts", {})
    if not fits or (scheduled and not data.get("send_at")):
        callback_answer.text = _("This button is no longer valid.")
        return
    draft = draft_of({**data, "send_at": data["send_at"] if scheduled else None}, settings)
    chat_id = chat_id_of(callback)
    try:
        campaigns.validate(draft, clock.now())
    except CampaignError as error:
        if error.code != "in_past":
            await bot.send_message(chat_id, text_problem(error, caption=bool(draft.photo)))
            return
        await state.set_state(AnnounceFlow.schedule)
        await close(callback)
        passed = _("This time has passed in the meantime.")
        await bot.send_message(chat_id, passed + "\n" + time_question(settings, clock))
        return
    await state.clear()  # before storing: a second press finds no draft
    await close(callback)
    try:
        campaign = await campaigns.create(
            session, clock, draft, created_by=callback.from_user.id,
            progress_chat_id=chat_id, progress_language=get_i18n().current_locale,
            draft_key=f"{callback.from_user.id}:{data['id']}",
        )  # fmt: skip
    except CampaignError as error:
        if error.code == "duplicate":  # a twin press: the first one already reported
            return
        raise
    count = await audiences.count(session, draft.audience, settings.default_language)
    if draft.send_at is not None:
        head = _("📣 Announcement #{id} is queued for {date}.").format(
            id=campaign.id, date=when(draft.send_at, settings.zone)
        )
    else:
        head = _("📣 Announcement #{id} is queued and will be sent now.").format(id=campaign.id)
    text = head + "\n" + recipients_line(count)
    sent = await bot.send_message(chat_id, text, reply_markup=progress_keyboard(campaign.id))
    await campaigns.set_progress_message(session, campaign.id, sent.message_id)


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(
        ask_time,
        AnnounceCb.filter(F.action == "schedule"),
        StateFilter(AnnounceFlow.preview),
        EDITOR,
    )
    router.message.register(receive_time, StateFilter(AnnounceFlow.schedule), EDITOR)
    router.callback_query.register(
        create,
        AnnounceCb.filter(F.action.in_({"now", "confirm"})),
        StateFilter(AnnounceFlow.preview),
        EDITOR,
    )
    return router
