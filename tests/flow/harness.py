"""Drive the real Dispatcher with real Update JSON against the strict fake Bot API."""

from __future__ import annotations

import itertools
import logging
from typing import Any

from aiogram import Bot, Dispatcher

from bot.app import build_dispatcher
from bot.config import Settings
from bot.runtime import Runtime, build_bot, create_runtime
from bot.sandbox import updates
from bot.sandbox.server import FakeBotAPI
from bot.services.clock import Clock
from tests.loaded_once import catalogs

TOKEN = "123456789:AAH-fake-token-for-flow-tests-abcdefghij"
# Production settings need their own poll key (never the token).
POLL_SECRET = "flow-tests-poll-secret-0123456789abcdef"


class ErrorLog(logging.Handler):
    """Collects ERROR records so a test fails when the bot hit an unhandled exception."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


class Harness:
    """One bot process: runtime, Bot and Dispatcher against one fake API and one database."""

    def __init__(self, api: FakeBotAPI, base_url: str, database_url: str, **settings: Any):
        self.api = api
        self.settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            bot_token=TOKEN,
            poll_secret=settings.pop("poll_secret", POLL_SECRET),
            telegram_api_url=base_url,
            database_url=database_url,
            throttle_burst=settings.pop("throttle_burst", 1000),
            # Flows legitimately repeat texts quickly; the repeat tests set their own limit.
            spam_repeats=settings.pop("spam_repeats", 1000),
            **settings,
        )
        self.update_ids = itertools.count(1000)
        self.errors = ErrorLog()
        self.clock: Clock | None = None  # a test's fixed clock; None: the real one
        self.runtime: Runtime
        self.bot: Bot
        self.dispatcher: Dispatcher

    async def start(self) -> None:
        """Build a fresh runtime, bot and dispatcher (also used to simulate a restart)."""
        self.runtime = create_runtime(
            self.settings, self.clock, catalogs(self.settings.default_language)
        )
        self.bot = build_bot(self.settings, TOKEN)
        self.dispatcher = build_dispatcher(self.runtime)

    async def stop(self) -> None:
        """Close connections like a process exit would."""
        await self.dispatcher.storage.close()
        await self.bot.session.close()
        await self.runtime.engine.dispose()

    async def restart(self) -> None:
        """Stop and start again: nothing in memory survives, only the database."""
        await self.stop()
        await self.start()

    async def feed(self, update: dict[str, Any]) -> None:
        """Deliver one update as Telegram would, through the whole Dispatcher."""
        if not update.get("update_id"):
            update["update_id"] = next(self.update_ids)
        self.api.note_update(TOKEN, update)
        await self.dispatcher.feed_raw_update(self.bot, update)

    def t(self, msgid: str, language: str) -> str:
        """What the catalog shows for msgid in a language (for asserting non-English screens)."""
        return self.runtime.i18n.gettext(msgid, locale=language)

    def tn(self, singular: str, plural: str, n: int, language: str) -> str:
        """The catalog's plural form for n of a counted message in a language."""
        return self.runtime.i18n.gettext(singular, plural, n, locale=language)

    def chat(self, user_id: int, language_code: str | None = "de") -> Chat:
        """A resident with a private chat."""
        return Chat(self, updates.user(user_id, language_code))


class Chat:
    """A simulated resident: sends text, presses buttons, reads what the bot shows."""

    def __init__(self, harness: Harness, user: dict[str, Any]) -> None:
        self.harness = harness
        self.user = user
        self.id: int = user["id"]

    def messages(self) -> list[dict[str, Any]]:
        """The bot's messages in this chat as they look now (edits applied)."""
        return self.harness.api.sent_messages(self.id, TOKEN)

    def last(self) -> dict[str, Any]:
        """The bot's newest message in this chat."""
        return self.messages()[-1]

    def last_text(self) -> str:
        """Text (or caption) of the newest message."""
        message = self.last()
        return str(message.get("text") or message.get("caption") or "")

    async def send(self, text: str) -> None:
        """Type a message (commands get their entity like in Telegram)."""
        if text.startswith("/"):
            command, _, args = text[1:].partition(" ")
            update = updates.command_update(self.user, command, args or None)
        else:
            update = updates.message_update(self.user, text)
        await self.harness.feed(update)

    async def send_update(self, update: dict[str, Any]) -> None:
        """Deliver a prepared update (sticker, voice, …) from this resident."""
        await self.harness.feed(update)

    def buttons(self, message: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Inline buttons of a message (default: the newest with a keyboard)."""
        if message is None:
            keyboards = [m for m in self.messages() if m.get("reply_markup")]
            if not keyboards:
                return []
            message = keyboards[-1]
        rows = message.get("reply_markup", {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]

    async def press(self, label: str) -> None:
        """Press the button whose text is, or else contains, `label` in the newest keyboard."""
        keyboards = [m for m in self.messages() if m.get("reply_markup")]
        assert keyboards, "no message with buttons"
        message = keyboards[-1]
        # "Deutsch" is exactly one button, though "Deutsch (du)" contains it too.
        matches = [b for b in self.buttons(message) if label == b["text"]] or [
            b for b in self.buttons(message) if label in b["text"]
        ]
        assert len(matches) == 1, (label, [b["text"] for b in self.buttons(message)])
        await self.press_data(matches[0]["callback_data"], message)

    async def press_data(self, data: str, message: dict[str, Any] | None = None) -> None:
        """Send callback data (possibly forged) as if pressed on `message`."""
        message = message or self.last()
        await self.harness.feed(updates.callback_update(self.user, message, data))
