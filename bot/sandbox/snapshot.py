"""The sandbox's fake Telegram survives a restart: its chats, messages and polls in a file.

Written every few seconds when something changed and on a clean stop (Ctrl+C, SIGTERM); a kill
loses at most those seconds. File contents go to a folder beside it, each written once under its
hash, so a big photo is not rewritten with every message.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import logging
import os
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

from .state import BotState, StoredFile, StoredMessage

SAVE_EVERY = 2.0  # seconds a kill -9 may lose at most
PRIVATE = 0o600  # chats hold names and messages: as private as the bot's database
log = logging.getLogger(__name__)


class Snapshot:
    """Reads and writes one token's state: `path` (JSON) and `files` (a folder of contents)."""

    def __init__(self, path: Path, files: Path) -> None:
        self.path = path
        self.files = files
        self._written = ""

    def load(self, state: BotState) -> bool:
        """Restore the last saved state; False when there is none or it is unreadable."""
        if not self.path.exists():
            return False
        try:
            saved = json.loads(self.path.read_text(encoding="utf-8"))
            _restore(state, saved, self.files)
        except (ValueError, TypeError, KeyError, OSError) as error:
            # Only the sandbox's chat history is lost; the bot's database is unaffected.
            log.warning("sandbox history not restored from %s: %s", self.path, error)
            return False
        return True

    def save(self, state: BotState) -> None:
        """Write the state if it changed since the last write, all or nothing."""
        text = json.dumps(self._dump(state), ensure_ascii=False, separators=(",", ":"))
        if text == self._written:
            return
        staged = self.path.with_name(self.path.name + ".tmp")
        _write_private(staged, text.encode())
        staged.replace(self.path)
        self._written = text

    @contextlib.asynccontextmanager
    async def kept(self, state: BotState, every: float = SAVE_EVERY) -> AsyncIterator[None]:
        """Save every `every` seconds while the block runs, and once more when it ends."""
        task = asyncio.get_running_loop().create_task(self._keep(state, every))
        try:
            yield
        finally:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
            self.save(state)

    async def _keep(self, state: BotState, every: float) -> None:
        while True:
            await asyncio.sleep(every)
            try:
                self.save(state)
            except OSError as error:  # a full disk must not stop the sandbox
                log.warning("sandbox history not saved to %s: %s", self.path, error)

    def _dump(self, state: BotState) -> dict[str, Any]:
        return {
            "last_update_id": state.last_update_id,
            "pending": state.pending,
            "chats": list(state.chats.values()),
            "users": list(state.users.values()),
            "messages": [
                [m.data, m.outgoing, m.edited, m.deleted]
                for chat in state.messages.values()
                for m in chat.values()
            ],
            "last_message_id": list(state.last_message_id.items()),
            "files": [self._dump_file(f) for f in state.files.values()],
            "members": [[*key, status] for key, status in state.members.items()],
            "polls": [[poll_id, *where] for poll_id, where in state.polls.items()],
            "poll_votes": [
                [poll_id, voter, options]
                for poll_id, votes in state.poll_votes.items()
                for voter, options in votes.items()
            ],
            "client_markups": [[*key, markup] for key, markup in state.client_markups.items()],
            "callback_queries": list(state.callback_queries.items()),
            "commands": [[*key, value] for key, value in state.commands.items()],
            "texts": [[*key, value] for key, value in state.texts.items()],
        }

    def _dump_file(self, stored: StoredFile) -> list[Any]:
        digest = hashlib.sha256(stored.data).hexdigest()
        content = self.files / digest
        if not content.exists():
            self.files.mkdir(mode=0o700, exist_ok=True)
            _write_private(content, stored.data)
        return [
            stored.file_id, stored.file_unique_id, digest, stored.file_path,
            stored.filename, stored.mime_type,
        ]  # fmt: skip


def _restore(state: BotState, saved: dict[str, Any], files: Path) -> None:
    """Put a saved state into a fresh BotState (JSON keys are lists, not tuples)."""
    state.last_update_id = int(saved["last_update_id"])
    state.pending = list(saved["pending"])
    state.chats = {chat["id"]: chat for chat in saved["chats"]}
    state.users = {user["id"]: user for user in saved["users"]}
    for data, outgoing, edited, deleted in saved["messages"]:
        chat = state.messages.setdefault(data["chat"]["id"], {})
        chat[data["message_id"]] = StoredMessage(data, outgoing, edited, deleted)
    state.last_message_id = {int(chat): int(last) for chat, last in saved["last_message_id"]}
    for file_id, unique, digest, path, filename, mime in saved["files"]:
        data = (files / digest).read_bytes()
        state.files[file_id] = StoredFile(file_id, unique, data, path, filename, mime)
    state.members = {(chat, user): status for chat, user, status in saved["members"]}
    state.polls = {poll_id: (chat, message) for poll_id, chat, message in saved["polls"]}
    for poll_id, voter, options in saved["poll_votes"]:
        state.poll_votes.setdefault(poll_id, {})[int(voter)] = options
    state.client_markups = {(c, m): markup for c, m, markup in saved["client_markups"]}
    state.callback_queries = dict(saved["callback_queries"])
    state.commands = {(scope, lang): value for scope, lang, value in saved["commands"]}
    state.texts = {(kind, lang): value for kind, lang, value in saved["texts"]}


def _write_private(path: Path, data: bytes) -> None:
    handle = os.open(path, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, PRIVATE)
    with os.fdopen(handle, "wb") as file:
        file.write(data)
