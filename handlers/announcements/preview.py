"""/announce, the preview step: any language version on request, exactly as recipients see it.

preview --👁 a language--> that version (text, or photo and caption), then the summary again
with the same choices (Send now / Schedule, or Confirm when a time is set)
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import get_i18n, ngettext
from aiogram.utils.i18n import gettext as _
from babel.numbers import format_decimal
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import LANGUAGES, Settings
from bot.i18n import language_here
from bot.keyboards.announce import preview_keyboard, scheduled_keyboard
from bot.keyboards.callbacks import AnnounceCb
from bot.presentation.audience import audience_lines, recipients_line
from bot.presentation.dates import when
from bot.presentation.machine_note import machine_line
from bot.services import audience as audiences
from handlers.announcements.draft import (
    EDITOR,
    AnnounceFlow,
    audience_of,
    chat_id_of,
    close,
    machine_of,
    paid_broadcast,
    send_version,
)


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


async def summary_text(
    session: AsyncSession, settings: Settings, data: dict[str, Any], shown: str = "de"
) -> str:
    """The version shown above, the others, audience, recipient count, time, paid warning."""
    audience = audience_of(data)
    count = await audiences.count(session, audience, settings.default_language)
    others = [language_here(code) for code in LANGUAGES if code != "de" and code in data["texts"]]
    lines = [
        _("<b>Check the announcement</b> ☝️"),
        _("Version: {language}").format(language=language_here(shown)),
        _("Above is this version, exactly as its recipients will see it."),
    ]
    if others:
        lines.append(
            _("Also in: {languages}. Everyone else gets the German text.").format(
                languages=", ".join(others)
            )
        )
        lines.append(_("Tap a language below to see its version."))
        if machine_of(data):
            lines.append(machine_line(machine_of(data)))
    else:
        lines.append(_("Only in German: everyone gets the German text."))
    lines += ["", *audience_lines(audience), recipients_line(count)]
    if data.get("send_at"):
        moment = datetime.fromisoformat(data["send_at"])
        lines.append(_("Sending time: {date}").format(date=when(moment, settings.zone)))
    if paid_broadcast(settings):
        lines += ["", paid_warning(count)]
    return "\n".join(lines)


async def show_version(
    callback: CallbackQuery,
    callback_data: AnnounceCb,
    state: FSMContext,
    bot: Bot,
    session: AsyncSession,
    settings: Settings,
    callback_answer: CallbackAnswer,
) -> None:
    """Send the chosen version below, then the summary naming it, with the buttons moved down."""
    data = await state.get_data()
    language = callback_data.value
    if language not in data.get("texts", {}):
        callback_answer.text = _("This button is no longer valid.")
        return
    await close(callback)
    chat_id = chat_id_of(callback)
    await send_version(bot, chat_id, data, language)
    text = await summary_text(session, settings, data, shown=language)
    keyboard = scheduled_keyboard if data.get("send_at") else preview_keyboard
    await bot.send_message(chat_id, text, reply_markup=keyboard(data["id"], data["texts"]))


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(
        show_version,
        AnnounceCb.filter(F.action == "show"),
        StateFilter(AnnounceFlow.preview),
        EDITOR,
    )
    return router
