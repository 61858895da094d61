"""Ideas: residents hand in, browse and follow ideas; moderators decide in the staff chat."""

from __future__ import annotations

from aiogram import Router


def moderation_router() -> Router:
    """A new router for the moderators' buttons and answers in the staff chat."""
    from handlers.ideas import moderation

    return moderation.build_router()


def build_router() -> Router:
    """A new router with the residents' idea features (private chats only)."""
    from handlers.ideas import browse, hand_in, mine, send

    router = Router(name=__name__)
    router.include_routers(
        hand_in.build_router(), send.build_router(), mine.build_router(), browse.build_router()
    )
    return router
