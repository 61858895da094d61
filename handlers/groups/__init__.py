"""Youth groups: /register, the staff's decision, and what a group sees of the bot."""

from __future__ import annotations

from aiogram import Router


def build_router() -> Router:
    """A new router for group chats and the registration buttons in the staff chat."""
    from handlers.groups import chat, registration

    router = Router(name=__name__)
    router.include_routers(registration.build_router(), chat.build_router())
    return router
