"""Announcements by editors: the /campaigns list and the /announce wizard."""

from __future__ import annotations

from aiogram import Router


def campaigns_router() -> Router:
    """A new router with /campaigns and its buttons.

    Separate from the wizard because the staff router sits between them: /campaigns typed
    while an admin is asked for a Telegram id shows the list, /announce typed then is
    answered by the id step, and /staff typed into an announcement's text opens /staff.
    """
    from handlers.announcements import campaigns

    return campaigns.build_router()


def build_router() -> Router:
    """A new router with the /announce wizard: text, languages, audience, sending, preview."""
    from handlers.announcements import audience, machine, preview, send, wizard

    router = Router(name=__name__)
    router.include_routers(
        wizard.build_router(),
        machine.build_router(),
        audience.build_router(),
        send.build_router(),
        preview.build_router(),
    )
    return router
