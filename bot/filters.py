"""Async filters (aiogram runs sync callables in a thread)."""

from __future__ import annotations

from aiogram.filters import Filter
from aiogram.types import CallbackQuery, ChatMemberUpdated, Message

from bot.config import Settings
from bot.services.staff import StaffService
from db.models import StaffRole

# The chat types Telegram uses for groups; one definition for filters, middlewares, handlers.
GROUP_TYPES = ("group", "supergroup")


class PrivateChat(Filter):
    """Passes messages, button presses and membership changes that happen in a private chat."""

    async def __call__(self, event: Message | CallbackQuery | ChatMemberUpdated) -> bool:
        if isinstance(event, CallbackQuery):
            return event.message is not None and event.message.chat.type == "private"
        return event.chat.type == "private"


class HasRole(Filter):
    """Passes when the sender has the staff role (or is an admin) right now; a DB query."""

    def __init__(self, role: StaffRole) -> None:
        self.role = role

    async def __call__(self, event: Message | CallbackQuery, staff: StaffService) -> bool:
        sender = event.from_user
        return sender is not None and await staff.has_role(sender.id, self.role)


class StaffChat(Filter):
    """Passes messages and button presses in the staff group (STAFF_CHAT_ID)."""

    async def __call__(self, event: Message | CallbackQuery, settings: Settings) -> bool:
        if isinstance(event, CallbackQuery):
            chat = event.message.chat if event.message is not None else None
        else:
            chat = event.chat
        return chat is not None and chat.id == settings.staff_chat_id


class IsReply(Filter):
    """Passes messages that reply to another message."""

    async def __call__(self, message: Message) -> bool:
        return message.reply_to_message is not None


class Has(Filter):
    """Passes messages that carry this part (`Has("text")`, `Has("location")`); an async `F.x`."""

    def __init__(self, part: str) -> None:
        self.part = part

    async def __call__(self, message: Message) -> bool:
        return getattr(message, self.part, None) is not None


class NotCommand(Filter):
    """Passes messages that are not a command, so a wizard step lets /cancel, /menu … through."""

    async def __call__(self, message: Message) -> bool:
        return not (message.text or "").startswith("/")


class GroupChat(Filter):
    """Passes messages and membership changes in a group or supergroup."""

    async def __call__(self, event: Message | ChatMemberUpdated) -> bool:
        return event.chat.type in GROUP_TYPES


def sent_as_the_group(message: Message) -> bool:
    """An anonymous admin writes as the group itself: only admins can (the sender is the chat)."""
    return message.sender_chat is not None and message.sender_chat.id == message.chat.id
