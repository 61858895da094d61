"""Every Dispatcher gets routers of its own, so a process can build more than one."""

from __future__ import annotations

from collections.abc import Iterator

from aiogram import Dispatcher, Router

from bot.app import build_dispatcher
from bot.config import Settings
from bot.runtime import create_runtime

TOKEN = "123456789:AAH-fake-token-for-flow-tests-abcdefghij"
POLL_SECRET = "unit-tests-poll-secret-0123456789abcdef"


def dispatcher() -> Dispatcher:
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        poll_secret=POLL_SECRET,
        database_url="sqlite+aiosqlite:///:memory:",
    )
    return build_dispatcher(create_runtime(settings))


def routers(router: Router) -> Iterator[Router]:
    yield router
    for child in router.sub_routers:
        yield from routers(child)


def handlers(dispatcher: Dispatcher) -> list[str]:
    """Every handler reachable from the Dispatcher, in the order aiogram tries them."""
    return [
        f"{event} {handler.callback.__module__}.{handler.callback.__qualname__}"
        for router in routers(dispatcher)
        for event, observer in router.observers.items()
        for handler in observer.handlers
    ]


def test_a_second_dispatcher_leaves_the_first_one_whole() -> None:
    """A sandbox restart or a second test builds another Dispatcher: both keep every handler."""
    first = dispatcher()
    before = handlers(first)
    second = dispatcher()
    assert handlers(first) == before
    assert handlers(second) == before
    assert "message handlers.fallback.inside_flow" in before
    shared = {id(r) for r in routers(first)} & {id(r) for r in routers(second)}
    assert shared == set()
