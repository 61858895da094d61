"""Who and what the web chat shows: simulated residents (kept in a JSON file) and group chats."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

FIRST_RESIDENT_ID = 700_001
log = logging.getLogger(__name__)


@dataclass
class Resident:
    """A simulated Telegram user; the name exists only in the sandbox, never in the bot."""

    id: int
    name: str
    language_code: str
    demo: bool = False


@dataclass
class GroupChat:
    """A group the bot is in: the staff chat (kind "staff") or another group (kind "group")."""

    id: int
    title: str
    kind: str
    members: list[int] = field(default_factory=list)

    def as_chat(self) -> dict[str, Any]:
        """The Chat object Telegram puts into updates from this group."""
        return {"id": self.id, "type": "supergroup", "title": self.title}


class Directory:
    """Residents and groups; residents are saved so a restarted sandbox still knows them.

    The file holds one JSON object per line and a new resident is appended: rewriting the whole
    file for each one made a thousand residents take seconds. `legacy` is the older whole-file
    JSON ({"residents": [...]}), read once and moved into the new file.
    """

    def __init__(self, path: Path | None = None, legacy: Path | None = None) -> None:
        self.path = path
        self.residents: dict[int, Resident] = {}
        self.groups: dict[int, GroupChat] = {}
        old = legacy if legacy is not None and legacy.exists() else None
        # the sandbox's first start here
        self.fresh = path is None or not (path.exists() or old is not None)
        if path is not None and path.exists():
            self._load(path)
        elif path is not None and old is not None:
            self._migrate(old, path)

    def _load(self, path: Path) -> None:
        line = ""
        with path.open(encoding="utf-8") as lines:
            for number, line in enumerate(lines, 1):
                if line.strip():
                    self._read_line(path, number, line)
        if line and not line.endswith("\n"):
            with path.open("a", encoding="utf-8") as file:
                file.write("\n")  # end a line cut off by a crash so the next one stands alone

    def _read_line(self, path: Path, number: int, line: str) -> None:
        try:
            resident = Resident(**json.loads(line))
        except (ValueError, TypeError) as error:
            # A damaged line (e.g. cut off by a crash) only costs that name; the bot is unaffected.
            log.warning("ignoring line %s of %s: %s", number, path, error)
            return
        self.residents[resident.id] = resident

    def _migrate(self, old: Path, path: Path) -> None:
        try:
            for item in json.loads(old.read_text(encoding="utf-8")).get("residents", []):
                resident = Resident(**item)
                self.residents[resident.id] = resident
        except (ValueError, TypeError, AttributeError) as error:
            log.warning("ignoring %s: %s", old, error)
        lines = "".join(_line(r) for r in self.residents.values())
        staged = path.with_name(path.name + ".tmp")
        staged.write_text(lines, encoding="utf-8")
        staged.replace(path)  # all or nothing, then the old file is no longer needed
        old.unlink()

    def _append(self, resident: Resident) -> None:
        """Write one resident at the end (names stay in this sandbox file, never in the bot)."""
        if self.path is not None:
            with self.path.open("a", encoding="utf-8") as file:
                file.write(_line(resident))

    def add_resident(self, name: str, language_code: str) -> Resident:
        """A new resident with the next free id."""
        next_id = max([FIRST_RESIDENT_ID - 1, *self.residents]) + 1
        resident = Resident(next_id, name, language_code)
        self.residents[resident.id] = resident
        self._append(resident)
        return resident

    def ensure_resident(self, resident: Resident) -> Resident:
        """Add a demo resident unless one with that id exists."""
        if resident.id not in self.residents:
            self.residents[resident.id] = resident
            self._append(resident)
        return self.residents[resident.id]

    def add_group(self, group: GroupChat) -> None:
        """Show a group chat."""
        self.groups[group.id] = group

    def knows(self, chat_id: int) -> bool:
        """Whether the web chat shows this chat."""
        return chat_id in self.residents or chat_id in self.groups

    def chats(self) -> list[dict[str, Any]]:
        """Every chat for the chat list: groups first, then residents' private chats."""
        found: list[dict[str, Any]] = [
            {"id": g.id, "title": g.title, "kind": g.kind, "members": g.members}
            for g in self.groups.values()
        ]
        for r in self.residents.values():
            found.append(
                {"id": r.id, "title": r.name, "kind": "private", "language_code": r.language_code,
                 "demo": r.demo}
            )  # fmt: skip
        return found


def _line(resident: Resident) -> str:
    return json.dumps(asdict(resident), ensure_ascii=False) + "\n"
