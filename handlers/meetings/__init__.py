"""Meetings for residents (list, card, registration, feedback); staff tools in `staff/`."""

from __future__ import annotations

from aiogram import Router


def build_router() -> Router:
    """A new router with the residents' meeting features (private chats only)."""
    from handlers.meetings import extras, residents

    router = Router(name=__name__)
    router.include_routers(residents.build_router(), extras.build_router())
    return router
