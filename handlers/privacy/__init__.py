"""Privacy: the changed-notice gate, /privacy, /mydata and /delete."""

from __future__ import annotations

from aiogram import Router


def notice_router() -> Router:
    """A new router that shows a changed privacy notice before any other private handler.

    It comes first among the private-chat routers: it answers, then lets the update go on
    (SkipHandler) to the handler it was meant for.
    """
    from handlers.privacy import update

    return update.build_router()


def build_router() -> Router:
    """A new router with /privacy, /mydata, /delete and their buttons (private chats only)."""
    from handlers.privacy import mydata, overview

    router = Router(name=__name__)
    router.include_routers(overview.build_router(), mydata.build_router())
    return router
