"""The staff group (STAFF_CHAT_ID): staff commands that only work in a private chat."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message
from aiogram.utils.i18n import gettext as _

from bot.filters import StaffChat


async def private_only(message: Message, command: CommandObject) -> None:
    """Point to the private chat (a draft there would be visible to the whole group)."""
    text = _("Please use /{command} in your private chat with me.")
    await message.reply(text.format(command=command.command))


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.message.register(private_only, Command("announce", "campaigns", "staff"), StaffChat())
    return router
