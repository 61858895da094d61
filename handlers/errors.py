"""Last resort: log the failure without personal data and tell the person kindly."""

from __future__ import annotations

import logging
from typing import Any

from aiogram import Bot, Router
from aiogram.types import ErrorEvent
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

router = Router(name=__name__)
log = logging.getLogger(__name__)


@router.errors()
async def on_error(event: ErrorEvent, bot: Bot, i18n: I18n, **data: Any) -> None:
    """Log update id and exception type; answer the private chat in its language."""
    error = event.exception
    log.error(
        "update %s failed: %s",
        event.update.update_id,
        type(error).__name__,
        exc_info=(type(error), error, error.__traceback__),
    )
    chat = data.get("event_chat")
    if chat is None or chat.type != "private":
        return
    if event.update.callback_query is not None:
        await _quietly(event.update.callback_query.answer())
    with i18n.context(), i18n.use_locale(data.get("locale") or i18n.default_locale):
        text = _("Sorry, something went wrong on our side. Please try again in a moment.")
    await _quietly(bot.send_message(chat.id, text))


async def _quietly(call: Any) -> None:
    # The error path must not raise again (e.g. Telegram unreachable too).
    try:
        await call
    except Exception:
        log.warning("could not deliver the error notice")
