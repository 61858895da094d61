"""The fake rejects what Telegram rejects: limits, types, unknown names, bad markup."""

from __future__ import annotations

from typing import Any

import aiohttp
import pytest
from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest, TelegramNotFound
from aiogram.methods import TelegramMethod
from aiogram.types import (
    BotCommand,
    BotCommandScopeChat,
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
)

from bot.sandbox import FakeBotAPI
from tests.sandbox.fakeapi_support import TOKEN


def keyboard(**button: Any) -> InlineKeyboardMarkup:
    """A one-button inline keyboard."""
    return InlineKeyboardMarkup(inline_keyboard=[[InlineKeyboardButton(**button)]])


async def post(http: aiohttp.ClientSession, fake: FakeBotAPI, method: str, **kw: Any) -> Any:
    """A raw POST to the fake; returns (status, body)."""
    async with http.post(f"{fake.base_url}/bot{TOKEN}/{method}", **kw) as resp:
        return resp.status, await resp.json()


async def test_text_limit_counts_after_entity_parsing(bot: Bot) -> None:
    await bot.send_message(1, "a" * 4096)
    await bot.send_message(1, "<b>" + "a" * 4096 + "</b>", parse_mode="HTML")
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(1, "a" * 4097)
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(1, "   \n ")
    with pytest.raises(TelegramBadRequest, match="message text is empty"):
        await bot.send_message(1, "<b></b>", parse_mode="HTML")


async def test_caption_limit(bot: Bot) -> None:
    doc = BufferedInputFile(b"x", "x.txt")
    with pytest.raises(TelegramBadRequest, match="message caption is too long"):
        await bot.send_document(1, doc, caption="c" * 1025)


async def test_callback_data_is_limited_in_bytes(bot: Bot) -> None:
    await bot.send_message(1, "ok", reply_markup=keyboard(text="a", callback_data="x" * 64))
    with pytest.raises(TelegramBadRequest, match="BUTTON_DATA_INVALID"):
        # 33 characters but 66 bytes in UTF-8
        await bot.send_message(1, "x", reply_markup=keyboard(text="a", callback_data="ä" * 33))


async def test_buttons_need_text_and_an_action(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="must be non-empty"):
        await bot.send_message(1, "x", reply_markup=keyboard(text="", callback_data="y"))
    with pytest.raises(TelegramBadRequest, match="Text buttons are unallowed"):
        await bot.send_message(1, "x", reply_markup=keyboard(text="nur Text"))


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("<foo>x</foo>", 'Unsupported start tag "foo"'),
        ("<b>fett", 'Can\'t find end tag corresponding to start tag "b"'),
        ("1 < 2", "Unsupported start tag"),
        ("a<b", "Unclosed start tag"),
        ("<b>x</i>", "Unmatched end tag"),
        ("Tom & Jerry", 'Unescaped "&"'),
        ('<span class="x">s</span>', 'Tag "span" must have class "tg-spoiler"'),
    ],
)
async def test_bad_html_is_rejected(bot: Bot, text: str, detail: str) -> None:
    with pytest.raises(TelegramBadRequest, match="can't parse entities") as info:
        await bot.send_message(1, text, parse_mode="HTML")
    assert detail in info.value.message


async def test_supported_html_becomes_entities(bot: Bot) -> None:
    text = (
        '<b>b</b><strong>s</strong><i>i</i><u>u</u><s>s</s><tg-spoiler>x</tg-spoiler> <a href="'
        'https://duisburg.de/?a=1&amp;b=2">L</a> <code>c</code> <pre><code class="language-py">'
        "p</code></pre> <blockquote expandable>q</blockquote> &lt;&gt;&quot;&#228;&#x1F600;"
    )
    sent = await bot.send_message(1, text, parse_mode="HTML")
    assert sent.text and sent.text.endswith('<>"ä😀')
    types = [e.type for e in sent.entities or []]
    assert {"bold", "italic", "underline", "strikethrough", "spoiler", "text_link"} <= set(types)
    pre = next(e for e in sent.entities or [] if e.type == "pre")
    assert pre.language == "py" and "expandable_blockquote" in types


async def test_markdown_v2_needs_escaping(bot: Bot) -> None:
    sent = await bot.send_message(1, "*fett* und Punkt\\.", parse_mode="MarkdownV2")
    assert sent.text == "fett und Punkt." and sent.entities and sent.entities[0].type == "bold"
    with pytest.raises(TelegramBadRequest, match="reserved and must be escaped"):
        await bot.send_message(1, "Ende.", parse_mode="MarkdownV2")
    with pytest.raises(TelegramBadRequest, match="unsupported parse_mode"):
        await bot.send_message(1, "x", parse_mode="BBCode")


async def test_nested_objects_follow_their_types(bot: Bot) -> None:
    with pytest.raises(TelegramBadRequest, match="contains unallowed characters"):
        await bot.set_my_commands([BotCommand(command="Start", description="x")])
    with pytest.raises(TelegramBadRequest, match="must be 1-256 characters"):
        await bot.set_my_commands([BotCommand(command="start", description="")])
    await bot.set_my_commands(
        [BotCommand(command="hilfe", description="Hilfe")], scope=BotCommandScopeChat(chat_id=5)
    )


async def test_raw_http_errors(http: aiohttp.ClientSession, fake: FakeBotAPI) -> None:
    status, body = await post(http, fake, "sendMessage", json={"chat_id": 1, "text": "x", "foo": 1})
    assert (status, body["description"]) == (400, 'Bad Request: unknown parameter "foo"')
    status, body = await post(http, fake, "sendMessage", json={"chat_id": True, "text": "x"})
    assert body["description"] == 'Bad Request: field "chat_id" must be of type Integer or String'
    status, body = await post(http, fake, "sendMessage", json={"text": "x"})
    assert body["description"] == "Bad Request: chat_id is empty"
    markup = {"inline_keyboard": [[{"text": "a", "callback_data": 5}]]}
    status, body = await post(
        http, fake, "sendMessage", json={"chat_id": 1, "text": "x", "reply_markup": markup}
    )
    assert 'inline_keyboard[0][0].callback_data" must be of type String' in body["description"]
    scope = {"type": "everyone"}
    status, body = await post(http, fake, "setMyCommands", json={"commands": [], "scope": scope})
    assert status == 400 and 'unsupported type "everyone"' in body["description"]
    status, body = await post(http, fake, "sendFoo", json={})
    assert (status, body) == (404, {"ok": False, "error_code": 404, "description": "Not Found"})
    assert fake.calls(ok=False)[-1].status == 404


async def test_encodings_and_method_case(http: aiohttp.ClientSession, fake: FakeBotAPI) -> None:
    status, body = await post(http, fake, "SENDMESSAGE", data={"chat_id": "7", "text": "form"})
    assert status == 200 and body["result"]["chat"]["id"] == 7
    url = f"{fake.base_url}/bot{TOKEN}/sendmessage?chat_id=7&text=query"
    async with http.get(url) as resp:
        assert resp.status == 200 and (await resp.json())["result"]["text"] == "query"
    form = aiohttp.FormData()
    form.add_field("chat_id", "7")
    form.add_field("document", b"%PDF", filename="antrag.pdf")
    status, body = await post(http, fake, "sendDocument", data=form)
    assert status == 200 and body["result"]["document"]["mime_type"] == "application/pdf"
    assert fake.calls("sendDocument")[0].params["document"].filename == "antrag.pdf"


async def test_tokens_must_look_real(http: aiohttp.ClientSession, fake: FakeBotAPI) -> None:
    async with http.get(f"{fake.base_url}/botnonsense/getMe") as resp:
        assert resp.status == 404
    async with http.get(f"{fake.base_url}/bot123:short/getMe") as resp:
        assert resp.status == 401 and (await resp.json())["description"] == "Unauthorized"


class SendFoo(TelegramMethod[bool]):
    """A method Telegram does not have."""

    __returning__ = bool
    __api_method__ = "sendFoo"


async def test_unknown_method_through_aiogram(bot: Bot) -> None:
    with pytest.raises(TelegramNotFound):
        await bot(SendFoo())
