"""/announce, steps 4–5: preview, optional sending time, and creating the campaign.

audience --Continue--> preview: the German version as recipients see it, then a summary
preview --Send now--> campaign (now) + progress message, end
preview --Schedule--> schedule --future date--> preview with the time --Confirm--> campaign
schedule --malformed or past date--> schedule (says why)
"""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import get_i18n, ngettext
from aiogram.utils.i18n import gettext as _
from babel.numbers import format_decimal
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import LANGUAGES, Settings
from bot.i18n import NATIVE_NAMES
from bot.keyboards.announce import preview_keyboard, progress_keyboard, scheduled_keyboard
from bot.keyboards.callbacks import AnnounceCb
from bot.services import audience as audiences
from bot.services import campaigns
from bot.services.campaign_input import parse_send_time
from bot.services.campaigns import CampaignError
from bot.services.clock import Clock
from handlers.announce_draft import (
    EDITOR,
    AnnounceFlow,
    audience_lines,
    audience_of,
    chat_id_of,
    close,
    draft_of,
    paid_broadcast,
    recipients_line,
    text_problem,
    when,
)

router = Router(name=__name__)


def paid_warning(count: int) -> str:
    """What paid broadcasting may cost."""
    stars = format_decimal(Decimal(count) / 10, locale=get_i18n().current_locale)
    return ngettext(
        "⚠️ Paid broadcast is on: messages beyond Telegram's free limit cost Telegram Stars "
        "(0.1 Stars each), paid from the bot's balance. "
        "For {count} recipient that is at most {stars} Stars.",
        "⚠️ Paid broadcast is on: messages beyond Telegram's free limit cost Telegram Stars "
        "(0.1 Stars each), paid from the bot's balance. "
        "For {count} recipients that is at most {stars} Stars.",
        count,
    ).format(count=count, stars=stars)


async def summary_text(session: AsyncSession, settings: Settings, data: dict[str, Any]) -> str:
    """Languages, audience in words, recipient count, time, and the paid-broadcast warning."""
    audience = audience_of(data)
    count = await audiences.count(session, audience, settings.default_language)
    others = [NATIVE_NAMES[code] for code in LANGUAGES if code != "de" and code in data["texts"]]
    lines = [
        _("<b>Check the announcement</b> ☝️"),
        _("Above is the German version, exactly as recipients will see it."),
    ]
    if others:
        lines.append(
            _("Also in: {languages}. Everyone else gets the German text.").format(
                languages=", ".join(others)
            )
        )
    else:
        lines.append(_("Only in German: everyone gets the German text."))
    lines += ["", *audience_lines(audience), recipients_line(count)]
    if data.get("send_at"):
        moment = datetime.fromisoformat(data["send_at"])
        lines.append(_("Sending time: {date}").format(date=when(moment, settings)))
    if paid_broadcast(settings):
        lines += ["", paid_warning(count)]
    return "\n".join(lines)


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
    chat_id, german = chat_id_of(callback), data["texts"]["de"]
    if data.get("photo"):
        await bot.send_photo(chat_id, photo=data["photo"], caption=german)
    else:
        await bot.send_message(chat_id, german)
    text = await summary_text(session, settings, data)
    await bot.send_message(chat_id, text, reply_markup=preview_keyboard(data["id"]))


@router.callback_query(
    AnnounceCb.filter(F.action == "schedule"), StateFilter(AnnounceFlow.preview), EDITOR
)
async def ask_time(
    callback: CallbackQuery, state: FSMContext, bot: Bot, settings: Settings, clock: Clock
) -> None:
    """Ask for the sending time."""
    await state.set_state(AnnounceFlow.schedule)
    await close(callback)
    await bot.send_message(chat_id_of(callback), time_question(settings, clock))


@router.message(StateFilter(AnnounceFlow.schedule), EDITOR)
async def receive_time(
    message: Message, state: FSMContext, session: AsyncSession, settings: Settings, clock: Clock
) -> None:
    """A future local time: show the summary with it; anything else: say why and ask again."""
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
    text = await summary_text(session, settings, data)
    await message.answer(text, reply_markup=scheduled_keyboard(data["id"]))


@router.callback_query(
    AnnounceCb.filter(F.action.in_({"now", "confirm"})), StateFilter(AnnounceFlow.preview), EDITOR
)
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
            id=campaign.id, date=when(draft.send_at, settings)
        )
    else:
        head = _("📣 Announcement #{id} is queued and will be sent now.").format(id=campaign.id)
    text = head + "\n" + recipients_line(count)
    sent = await bot.send_message(chat_id, text, reply_markup=progress_keyboard(campaign.id))
    await campaigns.set_progress_message(session, campaign.id, sent.message_id)
