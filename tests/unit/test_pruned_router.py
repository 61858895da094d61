"""PrunedRouter: the same handler answers as under aiogram's Router, in the same order."""

from __future__ import annotations

import ast
import inspect
import textwrap
from datetime import UTC, datetime
from typing import Any

from aiogram import Bot, Dispatcher, Router
from aiogram.types import CallbackQuery, Chat, Message, Update, User

from bot.routing import PrunedRouter

PERSON = User(id=42, is_bot=False, first_name="Test")


def message_update(text: str) -> Update:
    chat = Chat(id=42, type="private")
    message = Message(message_id=1, date=datetime.now(UTC), chat=chat, from_user=PERSON, text=text)
    return Update(update_id=1, message=message)


def press_update(data: str) -> Update:
    press = CallbackQuery(id="1", from_user=PERSON, chat_instance="c", data=data)
    return Update(update_id=2, callback_query=press)


def tree(root: Router, seen: list[str]) -> list[Router]:
    """Three feature routers: buttons only, messages deep in a package, and a fallback."""
    buttons, package, nested, fallback = (Router(name=n) for n in ("b", "p", "n", "f"))

    @buttons.callback_query()
    async def pressed(_query: CallbackQuery) -> str:
        return "pressed"

    @nested.message()
    async def nested_text(message: Message) -> str | None:
        return "nested" if message.text == "deep" else None

    @fallback.message()
    async def anything(_message: Message) -> str:
        return "fallback"

    async def watch(handler: Any, event: Any, data: dict[str, Any]) -> Any:
        seen.append("outer middleware of b")  # a router without message handlers
        return await handler(event, data)

    buttons.message.outer_middleware(watch)
    package.include_router(nested)
    root.include_routers(buttons, package, fallback)
    return [buttons, package, fallback]


async def answers(root_class: type[Router], update: Update) -> tuple[Any, list[str]]:
    seen: list[str] = []
    root = root_class(name="root")
    tree(root, seen)
    dispatcher = Dispatcher(disable_fsm=True)
    dispatcher.include_router(root)
    bot = Bot("42:TEST")  # no call reaches Telegram: the handlers only return
    result = await dispatcher.feed_update(bot=bot, update=update)
    await bot.session.close()
    return result, seen


async def test_same_answers_as_aiogram() -> None:
    for update in (message_update("deep"), message_update("hi"), press_update("x")):
        assert await answers(PrunedRouter, update) == await answers(Router, update)


async def test_only_routers_with_something_for_the_type_are_offered_it() -> None:
    root = PrunedRouter(name="root")
    buttons, package, fallback = tree(root, [])
    assert root.routes_for("message") == [buttons, package, fallback]  # b: outer middleware
    assert root.routes_for("callback_query") == [buttons]
    assert root.routes_for("poll_answer") == []
    late = Router(name="late")
    late.callback_query()(lambda _query: None)
    root.include_router(late)  # included after the first update: seen from then on
    assert root.routes_for("callback_query") == [buttons, late]


def test_the_copy_follows_aiograms_own_method() -> None:
    """aiogram may change Router._propagate_event in a 3.x release; ours must then follow."""

    def tree_of(method: Any) -> str:
        return ast.dump(ast.parse(textwrap.dedent(inspect.getsource(method))))

    theirs = tree_of(Router._propagate_event)
    sub_routers = ast.dump(ast.parse("self.sub_routers", mode="eval").body)
    routes = ast.dump(ast.parse("self.routes_for(update_type)", mode="eval").body)
    assert sub_routers in theirs
    assert tree_of(PrunedRouter._propagate_event) == theirs.replace(sub_routers, routes)
