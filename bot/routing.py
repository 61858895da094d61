"""A router that passes an update only to the sub-routers able to handle its type."""

from __future__ import annotations

from typing import Any

from aiogram import Router
from aiogram.dispatcher.event.bases import REJECTED, UNHANDLED
from aiogram.dispatcher.event.telegram import TelegramEventObserver
from aiogram.types import TelegramObject


def handles(router: Router, update_type: str) -> bool:
    """Whether the router or one below it has a handler or an outer middleware for the type."""
    observer = router.observers.get(update_type)
    if observer is not None and (observer.handlers or observer.outer_middleware):
        return True
    return any(handles(sub_router, update_type) for sub_router in router.sub_routers)


class PrunedRouter(Router):
    """aiogram's Router, but sub-routers with nothing for an update's type are skipped.

    aiogram hands every update to each sub-router in turn; each one builds its middleware
    chain, checks its root filters and copies the handler arguments, even without a handler
    for that type (of our 36 routers, 10 have nothing for a message and 5 nothing for a button
    press; bench/RESULTS.md, run 8).
    The order of the routers that remain, and everything they do, is aiogram's.
    """

    def __init__(self, *, name: str | None = None) -> None:
        super().__init__(name=name)
        # Per update type, for the sub-routers as they were then: routers are complete once
        # included (handlers are registered at import), but a router may be included later.
        self._routes: dict[str, tuple[tuple[Router, ...], list[Router]]] = {}

    def routes_for(self, update_type: str) -> list[Router]:
        """The sub-routers an update of this type is offered to, in aiogram's order."""
        known = self._routes.get(update_type)
        current = tuple(self.sub_routers)
        if known is None or known[0] != current:
            known = (current, [r for r in current if handles(r, update_type)])
            self._routes[update_type] = known
        return known[1]

    async def _propagate_event(
        self,
        observer: TelegramEventObserver | None,
        update_type: str,
        event: TelegramObject,
        **kwargs: Any,
    ) -> Any:
        # aiogram 3.31's Router._propagate_event, with `routes_for` in place of sub_routers.
        response = UNHANDLED
        if observer:
            result, data = await observer.check_root_filters(event, **kwargs)
            if not result:
                return UNHANDLED
            kwargs.update(data)
            response = await observer.trigger(event, **kwargs)
            if response is REJECTED:
                return UNHANDLED
            if response is not UNHANDLED:
                return response
        for router in self.routes_for(update_type):
            response = await router.propagate_event(update_type=update_type, event=event, **kwargs)
            if response is not UNHANDLED:
                break
        return response
