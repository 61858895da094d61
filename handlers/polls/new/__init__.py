"""/newpoll: the editors' poll wizard — question, answers, closing time, audience, preview."""

from __future__ import annotations

from aiogram import Router


def build_router() -> Router:
    """A new router with the poll wizard's steps (private chats only)."""
    from handlers.polls.new import audience, machine, preview, wizard

    router = Router(name=__name__)
    router.include_routers(
        wizard.build_router(),
        machine.build_router(),
        audience.build_router(),
        preview.build_router(),
    )
    return router
