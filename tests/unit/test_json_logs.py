"""LOG_FORMAT=json: one object per line, the update named, secrets and residents' texts absent."""

from __future__ import annotations

import io
import json
import logging
from typing import Any

import pytest
from aiogram.types import Update

from bot.config import SettingsError, load_settings
from bot.logs import JsonFormatter
from bot.middlewares.metrics import UpdateMetricsMiddleware
from bot.ops.metrics import Metrics
from bot.sandbox import updates

TOKEN = "7391046251:AAGx9_zQk2LmNpRsTuVwXyZ01234567abcd"


def json_lines(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


@pytest.fixture
def captured() -> Any:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter((TOKEN,)))
    log = logging.getLogger("test.json")
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    yield log, stream
    log.removeHandler(handler)


async def test_a_record_during_an_update_names_it_and_never_its_text(captured: Any) -> None:
    log, stream = captured
    raw = updates.message_update(updates.user(4711, "de"), "Mein Geheimnis", update_id=9001)
    update = Update.model_validate(raw)

    async def handler(event: Any, data: dict[str, Any]) -> None:
        log.warning("handling took long: %d ms", 1200)
        try:
            raise ConnectionError(f"cannot reach https://api.telegram.org/bot{TOKEN}/sendMessage")
        except ConnectionError:
            log.exception("sending failed")

    await UpdateMetricsMiddleware(Metrics())(handler, update, {})
    log.info("between updates")
    first, second, third = json_lines(stream)
    assert first["message"] == "handling took long: 1200 ms"
    assert (first["level"], first["logger"]) == ("WARNING", "test.json")
    assert (first["update_id"], first["event"]) == (9001, "message")
    assert first["time"].endswith("+00:00")
    assert second["update_id"] == 9001 and "ConnectionError" in second["error"]
    assert "update_id" not in third and "event" not in third  # the update is over
    output = stream.getvalue()
    assert TOKEN not in output and "<token hidden>" in output
    assert "Geheimnis" not in output and "4711" not in output


def test_log_format_accepts_text_and_json_only() -> None:
    assert load_settings(_env_file=None, log_format="JSON").log_format == "json"
    with pytest.raises(SettingsError, match="LOG_FORMAT: expected one of text, json"):
        load_settings(_env_file=None, log_format="yaml")
