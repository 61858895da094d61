"""Telegram tells us when a resident blocks the bot (kicked) or starts it again (member)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import Router
from aiogram.enums import ChatMemberStatus
from aiogram.types import ChatMemberUpdated

from bot.filters import PrivateChat
from bot.services.users import UserService

if TYPE_CHECKING:
    from db.models import User


async def membership_changed(
    event: ChatMemberUpdated, user: User | None, users: UserService
) -> None:
    """Blocked: no more pushes to this chat; started again: reachable again. Unknown: ignored."""
    if user is None:
        return
    status = event.new_chat_member.status
    if status == ChatMemberStatus.KICKED:
        await users.set_reachable(user, False)
    elif status == ChatMemberStatus.MEMBER:
        await users.set_reachable(user, True)


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.my_chat_member.register(membership_changed, PrivateChat())
    return router
