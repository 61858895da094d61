"""A changed privacy notice is shown once, at the person's next message or button press.

The notice comes first; then the update goes on to the handler it was meant for (SkipHandler).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import Bot, Router
from aiogram.dispatcher.event.bases import SkipHandler
from aiogram.filters import Filter
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from bot.services.users import UserService, current_privacy_version
from handlers.common import privacy_summary

if TYPE_CHECKING:
    from db.models import User


class NoticeOutdated(Filter):
    """Passes for onboarded residents who have not seen the current privacy notice."""

    async def __call__(self, event: Message | CallbackQuery, user: User | None) -> bool:
        if user is None or not user.onboarded:
            return False  # first contact: /start shows the notice anyway
        # /start too: a returning resident's /start no longer repeats the notice by itself.
        return user.privacy_version < current_privacy_version()


async def show_new_notice(
    event: Message | CallbackQuery, bot: Bot, user: User, users: UserService
) -> None:
    """Send the new notice, remember it was seen, and let the update continue."""
    chat_id = event.chat.id if isinstance(event, Message) else user.telegram_id
    text = _("We have updated our privacy notice:") + "\n\n" + privacy_summary()
    await bot.send_message(chat_id, text)
    await users.acknowledge_privacy(user)
    raise SkipHandler


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(show_new_notice, NoticeOutdated())
    router.message.register(show_new_notice, NoticeOutdated())
    return router
