"""Logging set-up; the bot token is scrubbed from every line, tracebacks included."""

from __future__ import annotations

import logging
import re

TOKEN_SHAPE = re.compile(r"\d{3,20}:[A-Za-z0-9_-]{30,64}")
HIDDEN = "<token hidden>"


class RedactingFormatter(logging.Formatter):
    """A formatter that removes anything shaped like a bot token from the final text."""

    def __init__(self, fmt: str, secrets: tuple[str, ...] = ()) -> None:
        super().__init__(fmt)
        self.secrets = tuple(s for s in secrets if s)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        for secret in self.secrets:
            text = text.replace(secret, HIDDEN)
        return TOKEN_SHAPE.sub(HIDDEN, text)


def setup_logging(level: str, secrets: tuple[str, ...] = ()) -> None:
    """Log to stderr at `level`, with secrets redacted."""
    handler = logging.StreamHandler()
    handler.setFormatter(
        RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # aiohttp's access log would print every webhook request; our own logs say enough.
    # Library chatter that says nothing to an operator at INFO (migrations, job bookkeeping).
    for name in ("aiohttp.access", "alembic", "apscheduler"):
        logging.getLogger(name).setLevel(max(root.level, logging.WARNING))
