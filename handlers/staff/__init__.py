"""Staff: /staff for admins (private chat) and the staff chat's pointer to the private chat."""

from __future__ import annotations

from aiogram import Router


def staff_chat_router() -> Router:
    """A new router for staff commands typed in the staff chat (routed outside private chats)."""
    from handlers.staff import group_chat

    return group_chat.build_router()


def build_router() -> Router:
    """A new router with /staff: listing, adding and removing staff (private chats only)."""
    from handlers.staff import manage

    return manage.build_router()
