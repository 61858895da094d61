"""Last resort: log the failure without personal data and tell the person kindly.

A database outage is left to the webhook (503) or the polling loop (offset not confirmed),
so Telegram delivers the update again once the database is back.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path
from typing import Any

from aiogram import Bot, Router
from aiogram.filters import Filter
from aiogram.types import ErrorEvent
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.services.locale import resolve_language
from db.outage import is_outage

OUR_CODE = tuple(
    Path(__file__).resolve().parent.parent / name for name in ("bot", "db", "handlers")
)
log = logging.getLogger(__name__)


class NotAnOutage(Filter):
    """Database outages are not handled here: they propagate, so the update is redelivered."""

    async def __call__(self, event: ErrorEvent) -> bool:
        return not is_outage(event.exception)


async def on_error(event: ErrorEvent, bot: Bot, i18n: I18n, **data: Any) -> None:
    """Log update id and exception type; answer the private chat in its language."""
    error = event.exception
    # No exception message: database errors quote statement parameters (people's text).
    log.error(
        "update %s failed: %s at %s",
        event.update.update_id,
        type(error).__name__,
        " < ".join(_where(error)),
    )
    chat = data.get("event_chat")
    if chat is None or chat.type != "private":
        return
    # Button presses are answered by CallbackAnswerMiddleware even when the handler fails.
    with i18n.context(), i18n.use_locale(_language(data, i18n)):
        text = _("Sorry, something went wrong on our side. Please try again in a moment.")
    await _quietly(bot.send_message(chat.id, text))


def _language(data: dict[str, Any], i18n: I18n) -> str:
    """The person's language; before the locale middleware ran, Telegram's language_code."""
    sender = data.get("event_from_user")
    code = sender.language_code if sender is not None else None
    return data.get("locale") or resolve_language(None, code, i18n.default_locale)


def _where(error: BaseException, depth: int = 4) -> list[str]:
    """Where in our own code it failed (file:line function), innermost first."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if any(Path(f.filename).is_relative_to(d) for d in OUR_CODE)]
    chosen = (ours or frames)[-depth:]
    return [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(chosen)]


async def _quietly(call: Any) -> None:
    # The error path must not raise again (e.g. Telegram unreachable too).
    try:
        await call
    except Exception:
        log.warning("could not deliver the error notice")


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.errors.register(on_error, NotAnOutage())
    return router
