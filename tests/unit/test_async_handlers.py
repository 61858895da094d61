"""Every filter and handler on the Dispatcher is async: aiogram runs sync ones in a thread.

A bare FSM state (`IdeaFlow.text`) or a magic filter (`F.text`) used as a filter is a sync
callable, so aiogram would hop to a worker thread for every update it checks; write
`StateFilter(...)` or an async `Filter` instead.
"""

from __future__ import annotations

from collections.abc import Iterator

from aiogram import Router

from bot.app import build_dispatcher
from bot.config import Settings
from bot.runtime import create_runtime

TOKEN = "123456789:AAH-fake-token-for-flow-tests-abcdefghij"
POLL_SECRET = "unit-tests-poll-secret-0123456789abcdef"


def routers(router: Router) -> Iterator[Router]:
    yield router
    for child in router.sub_routers:
        yield from routers(child)


def sync_callables() -> list[str]:
    """Every filter and handler on the real Dispatcher that aiogram would run in a thread."""
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        bot_token=TOKEN,
        poll_secret=POLL_SECRET,
        database_url="sqlite+aiosqlite:///:memory:",
    )
    dispatcher = build_dispatcher(create_runtime(settings))
    found = []
    for router in routers(dispatcher):
        for event, observer in router.observers.items():
            for handler in observer.handlers:
                where = f"{router.name} {event} {getattr(handler.callback, '__name__', '?')}"
                if not handler.awaitable:
                    found.append(f"{where}: the handler itself")
                found += [
                    f"{where}: {f.callback!r}" for f in handler.filters or [] if not f.awaitable
                ]
            found += [
                f"{router.name} {event} router filter: {f.callback!r}"
                for f in observer._handler.filters or []
                if not f.awaitable
            ]
    return found


def test_every_filter_and_handler_is_async() -> None:
    assert sync_callables() == []


def test_the_check_sees_a_bare_state_filter() -> None:
    """The check itself works: a bare state is reported."""
    from aiogram.fsm.state import State, StatesGroup

    class Flow(StatesGroup):
        step = State()

    router = Router(name="probe")

    @router.message(Flow.step)
    async def probe() -> None: ...

    handler = router.message.handlers[0]
    assert [f.awaitable for f in handler.filters or []] == [False]
