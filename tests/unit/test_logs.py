"""The bot token never reaches a log line, not even inside a traceback."""

from __future__ import annotations

import io
import logging

from bot.logs import RedactingFormatter

TOKEN = "7391046251:AAGx9_zQk2LmNpRsTuVwXyZ01234567abcd"


def test_token_is_hidden_in_messages_and_tracebacks() -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(RedactingFormatter("%(message)s", (TOKEN,)))
    log = logging.getLogger("test.redaction")
    log.addHandler(handler)
    try:
        log.error("calling https://api.telegram.org/bot%s/getMe", TOKEN)
        try:
            raise ConnectionError(f"cannot reach https://api.telegram.org/bot{TOKEN}/getUpdates")
        except ConnectionError:
            log.exception("polling failed")
        other = "1234567:" + "Z" * 35  # an unknown token of the same shape
        log.warning("foreign token %s", other)
    finally:
        log.removeHandler(handler)
    output = stream.getvalue()
    assert TOKEN not in output
    assert other not in output
    assert output.count("<token hidden>") == 3
    assert "ConnectionError" in output
