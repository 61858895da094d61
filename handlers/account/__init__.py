"""The resident's account: /start, menu, language, profile, info pages, settings, membership."""

from __future__ import annotations

from aiogram import Router


def build_router() -> Router:
    """A new router with the account modules' routers (private chats only)."""
    from handlers.account import info, informal_offer, language, membership, menu, profile, start
    from handlers.account import settings as announcement_settings

    router = Router(name=__name__)
    router.include_routers(
        start.build_router(),
        announcement_settings.build_router(),  # /stop answers inside any flow
        language.build_router(),
        informal_offer.build_router(),
        profile.build_router(),
        info.build_router(),
        menu.build_router(),  # /cancel and /menu leave any flow that comes after
        membership.build_router(),
    )
    return router
