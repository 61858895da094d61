"""A strict fake Telegram Bot API server for flow tests, the local sandbox and benchmarks."""

from .context import ChatEvent
from .errors import ApiError
from .server import FakeBotAPI
from .state import BotState, RecordedCall, StoredFile, StoredMessage

__all__ = [
    "ApiError",
    "BotState",
    "ChatEvent",
    "FakeBotAPI",
    "RecordedCall",
    "StoredFile",
    "StoredMessage",
]
