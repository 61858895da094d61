"""aiogram routers, one module per feature; `build_router` fixes their order."""

from __future__ import annotations

from aiogram import Router

from bot.filters import PrivateChat


def build_router() -> Router:
    """All feature routers under one root; private-chat features only see private chats."""
    from handlers import errors, fallback, info, language, menu, privacy, profile, start

    root = Router(name="root")
    private = Router(name="private")
    private.message.filter(PrivateChat())
    private.callback_query.filter(PrivateChat())
    # Order matters: specific features first, the fallback last.
    features = (start, language, profile, info, privacy, menu, fallback)
    for router in (errors.router, *(module.router for module in features)):
        _detach(router)
    root.include_router(errors.router)
    private.include_routers(*(module.router for module in features))
    root.include_router(private)
    return root


def _detach(router: Router) -> None:
    # Feature routers are module-level (aiogram's convention) but a process may build
    # more than one Dispatcher (tests, sandbox restarts): the newest takes them over.
    parent = router.parent_router
    if parent is not None:
        parent.sub_routers.remove(router)
        router._parent_router = None
