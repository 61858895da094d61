"""The spec drives the fake: limits parsed from prose, generic results aiogram can read."""

from __future__ import annotations

import aiogram.methods
import pytest
from aiogram.methods.base import Response

from bot.sandbox import FakeBotAPI
from bot.sandbox.formatting import render_text
from bot.sandbox.html_check import EntityParseError, parse_html
from bot.sandbox.spec import VENDOR_SPEC, Limit, load_spec


def test_vendored_spec_and_licence_ship_with_the_package() -> None:
    folder = VENDOR_SPEC.parent
    assert {"api.min.json", "LICENSE", "README.md"} <= {p.name for p in folder.iterdir()}
    assert load_spec().version.startswith("Bot API")


def test_limits_come_from_descriptions() -> None:
    spec = load_spec()
    send = spec.methods["sendMessage"].fields
    assert send["text"].limit == Limit(1, 4096, "characters", after_entities=True)
    button = spec.types["InlineKeyboardButton"].fields["callback_data"]
    assert button.limit == Limit(1, 64, "bytes")
    assert spec.methods["sendMediaGroup"].fields["media"].limit == Limit(2, 10, "items")
    assert spec.methods["setMyCommands"].fields["commands"].limit == Limit(0, 100, "items")
    assert spec.methods["sendPhoto"].fields["caption"].limit == Limit(0, 1024, "characters", True)
    assert spec.methods["sendChatAction"].fields["action"].enum is not None
    assert "typing" in spec.methods["sendChatAction"].fields["action"].enum
    assert spec.types["BotCommandScopeChat"].fields["type"].const == "chat"
    assert spec.method("SENDmessage") is spec.methods["sendMessage"]


def test_every_generic_result_parses_in_aiogram() -> None:
    pipeline = FakeBotAPI().pipeline
    for name, method in pipeline.spec.methods.items():
        model = getattr(aiogram.methods, name[0].upper() + name[1:])
        result = pipeline.generic_result(method)
        Response[model.__returning__].model_validate({"ok": True, "result": result})


def test_html_entities_use_utf16_offsets() -> None:
    text, entities = parse_html("😀 <b>fett</b> <i>ä</i>")
    assert text == "😀 fett ä"
    assert [(e["type"], e["offset"], e["length"]) for e in entities] == [
        ("bold", 3, 4),
        ("italic", 8, 1),
    ]


def test_html_error_offsets_are_bytes() -> None:
    with pytest.raises(EntityParseError, match="byte offset 3"):
        parse_html("ä <x>")


def test_lenient_ampersand_matches_tdlib() -> None:
    assert parse_html("Tom & Jerry &lt", strict_ampersand=False)[0] == "Tom & Jerry <"


def test_trimming_shifts_entities() -> None:
    text, entities = render_text("  <b>hi</b>  ", "HTML")
    assert text == "hi" and entities == [{"offset": 0, "length": 2, "type": "bold"}]
