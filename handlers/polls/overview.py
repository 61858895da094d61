"""Main menu → Polls for residents; /results ID and closing for staff (editor role)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import BufferedInputFile, CallbackQuery, Message
from aiogram.utils.i18n import I18n, get_i18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.filters import HasRole
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import MenuCb, PollAdminCb, PollPickCb
from bot.keyboards.common import back_to_menu_button, back_to_menu_keyboard
from bot.presentation.machine_note import with_note
from bot.presentation.polls import chart_caption, renderer, staff_messages
from bot.presentation.statuses import poll_status_label
from bot.services.clock import Clock
from bot.services.polls import closing as poll_closing
from bot.services.polls import lifecycle as polls
from bot.services.polls import results as poll_results
from bot.services.polls.chart import chart_data, render_png
from bot.services.polls.input import PollError
from bot.services.text_length import clip
from bot.services.vocabulary import PollStatus, StaffRole
from handlers.common import show

if TYPE_CHECKING:
    from db.models import User

EDITOR = HasRole(StaffRole.EDITOR)
LABEL_MAX = 48


async def open_polls(
    callback: CallbackQuery, session: AsyncSession, clock: Clock, settings: Settings, user: User
) -> None:
    """Open polls this resident has not answered yet, one button each."""
    found = await polls.open_for(session, clock, user, settings.poll_key, settings.default_language)
    builder = InlineKeyboardBuilder()
    for poll, question in found:
        label = clip(question, LABEL_MAX)
        builder.button(text="📊 " + label, callback_data=PollPickCb(id=poll.id))
    builder.add(back_to_menu_button())
    builder.adjust(1)
    if found:
        text = _("<b>Polls</b>\n\nThese polls are open and waiting for your answer:")
    else:
        text = _("<b>Polls</b>\n\nThere is no open poll for you right now. Thanks for taking part!")
    await show(callback, text, builder.as_markup())


async def send_poll(
    callback: CallbackQuery, callback_data: PollPickCb, session: AsyncSession, clock: Clock,
    settings: Settings, user: User,
) -> None:  # fmt: skip
    """Send the chosen poll as a native poll in the resident's language."""
    language = get_i18n().current_locale
    try:
        found = await polls.native_poll_for(
            session, clock, callback_data.id, user, language, settings.default_language
        )
    except PollError:  # forged: a poll for another audience
        await show(callback, _("This button is no longer valid."), back_to_menu_keyboard())
        return
    if found is None or callback.message is None:
        await show(callback, _("This poll has closed meanwhile."), back_to_menu_keyboard())
        return
    poll, variant, params = found
    if params.pop(polls.MACHINE_MADE, False):
        params["description"] = with_note("", variant, machine=True).strip()
    sent = await callback.bot.send_poll(callback.message.chat.id, **params)  # type: ignore[union-attr]
    if sent.poll is not None:
        await polls.record_sent(
            session, clock, poll, sent.chat.id, sent.message_id, sent.poll.id, variant,
            sent.poll.close_date is not None,
        )  # fmt: skip


async def results(
    message: Message, command: CommandObject, session: AsyncSession, clock: Clock
) -> None:
    """Text with totals, turnout and breakdowns, then the chart (an audited export)."""
    args = (command.args or "").strip().lstrip("#")
    # ASCII digits of a number an INTEGER id can be ("²" and 30 digits are no poll).
    number = int(args) if args.isascii() and args.isdigit() and len(args) < 10 else 0
    poll = await poll_results.get_poll(session, number) if number else None
    if poll is None or message.from_user is None:
        await message.answer(_("Please give the number of a poll, e.g. /results 3."))
        return
    language = get_i18n().current_locale
    found = await poll_results.export(
        session, clock, poll, language, actor=message.from_user.id, form="chat"
    )
    status = poll_status_label(poll.status)
    builder = InlineKeyboardBuilder()
    if poll.status != PollStatus.CLOSED:
        builder.button(
            text="⏹ " + _("Close now"), callback_data=PollAdminCb(action="close", id=poll.id)
        )
        builder.button(
            text="⏹ " + _("Close and send results"),
            callback_data=PollAdminCb(action="push", id=poll.id),
        )
        builder.adjust(1)
    *first, last = staff_messages(found, language, status)
    for text in first:
        await message.answer(text)
    await message.answer(last, reply_markup=builder.as_markup())
    # The chart uses the German texts when the language is written right to left.
    chart = found if language != "ar" else await poll_results.compute(session, poll, "de")
    png = render_png(chart_data(chart, chart_caption(found)))
    await message.answer_photo(BufferedInputFile(png, f"poll-{poll.id}.png"))


async def close(
    callback: CallbackQuery, callback_data: PollAdminCb, session: AsyncSession, clock: Clock,
    settings: Settings, i18n: I18n,
) -> None:  # fmt: skip
    """Close the poll early; Telegram's polls are stopped through the outbox."""
    push = callback_data.action == "push"
    try:
        poll = await poll_closing.close(
            session, clock, callback_data.id, settings.poll_key,
            renderer(i18n, settings.dashboard_url),
            actor=callback.from_user.id, push_results=push,
        )  # fmt: skip
    except PollError:
        await show(callback, _("This poll is already closed."), None)
        return
    text = _("Poll {id} is closed. Votes from now on are not counted.").format(id=poll.id)
    if push:
        text += "\n" + _("The results are on their way to everyone who took part.")
    if isinstance(callback.message, Message):
        await callback.message.edit_reply_markup(reply_markup=None)
        await callback.message.answer(text)


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(open_polls, MenuCb.filter(F.to == "polls"))
    router.callback_query.register(send_poll, PollPickCb.filter())
    router.message.register(results, Command("results"), EDITOR)
    router.callback_query.register(
        close, PollAdminCb.filter(F.action.in_(("close", "push"))), EDITOR
    )
    return router
