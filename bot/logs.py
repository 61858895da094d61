"""Logging set-up; the bot token is scrubbed from every line, tracebacks included.

LOG_FORMAT=text  `time LEVEL logger: message` for people reading a terminal or journal
LOG_FORMAT=json  one object per line for a log collector: time, level, logger, message,
                 update_id and event (the update's type) while an update is handled, error
                 (the traceback) when there is one. Log messages never carry residents' texts.
"""

from __future__ import annotations

import json
import logging
import re
from contextvars import ContextVar
from datetime import UTC, datetime

TOKEN_SHAPE = re.compile(r"\d{3,20}:[A-Za-z0-9_-]{30,64}")
HIDDEN = "<token hidden>"
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
# The update being handled by the current task (set by UpdateMetricsMiddleware): a context
# variable is how asyncio code passes per-task context to log records; it holds no data of
# its own between updates.
CURRENT_UPDATE: ContextVar[tuple[int, str] | None] = ContextVar("current_update", default=None)


def redact(text: str, secrets: tuple[str, ...]) -> str:
    """The text with the given secrets and anything shaped like a bot token hidden."""
    for secret in secrets:
        text = text.replace(secret, HIDDEN)
    return TOKEN_SHAPE.sub(HIDDEN, text)


class RedactingFormatter(logging.Formatter):
    """A formatter that removes anything shaped like a bot token from the final text."""

    def __init__(self, fmt: str, secrets: tuple[str, ...] = ()) -> None:
        super().__init__(fmt)
        self.secrets = tuple(s for s in secrets if s)

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record), self.secrets)


class JsonFormatter(logging.Formatter):
    """One JSON object per record, secrets redacted in every field."""

    def __init__(self, secrets: tuple[str, ...] = ()) -> None:
        super().__init__()
        self.secrets = tuple(s for s in secrets if s)

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": redact(record.getMessage(), self.secrets),
        }
        update = CURRENT_UPDATE.get()
        if update is not None:
            entry["update_id"], entry["event"] = update
        if record.exc_info:
            entry["error"] = redact(self.formatException(record.exc_info), self.secrets)
        return json.dumps(entry, ensure_ascii=False)


def setup_logging(level: str, secrets: tuple[str, ...] = (), log_format: str = "text") -> None:
    """Log to stderr at `level` as text or JSON lines, with secrets redacted."""
    handler = logging.StreamHandler()
    formatter = (
        JsonFormatter(secrets) if log_format == "json" else RedactingFormatter(TEXT_FORMAT, secrets)
    )
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # aiohttp's access log would print every webhook request; our own logs say enough.
    # Library chatter that says nothing to an operator at INFO (migrations, job bookkeeping).
    for name in ("aiohttp.access", "alembic", "apscheduler"):
        logging.getLogger(name).setLevel(max(root.level, logging.WARNING))
