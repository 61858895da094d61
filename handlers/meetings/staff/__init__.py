"""Meetings for editors: /meetings (manage, edit, change time or place) and /newmeeting."""

from __future__ import annotations

from aiogram import Router


def build_router() -> Router:
    """A new router with the editors' meeting tools (private chats only)."""
    from handlers.meetings.staff import edit, manage, wizard, wizard_translate

    router = Router(name=__name__)
    router.include_routers(
        manage.build_router(),
        edit.build_router(),
        wizard.build_router(),
        wizard_translate.build_router(),
    )
    return router
