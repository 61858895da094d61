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
    """Residents and groups; residents are saved so a restarted sandbox still knows them."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        self.residents: dict[int, Resident] = {}
        self.groups: dict[int, GroupChat] = {}
        self.fresh = path is None or not path.exists()  # the sandbox's first start here
        if path is not None and not self.fresh:
            self._load(path)

    def _load(self, path: Path) -> None:
        try:
            for item in json.loads(path.read_text(encoding="utf-8")).get("residents", []):
                resident = Resident(**item)
                self.residents[resident.id] = resident
        except (ValueError, TypeError) as error:
            # A damaged file only costs the names; the bot's database is unaffected.
            log.warning("ignoring %s: %s", path, error)

    def save(self) -> None:
        """Write the residents (names stay in this sandbox file, never in the bot's database)."""
        if self.path is not None:
            data = {"residents": [asdict(r) for r in self.residents.values()]}
            self.path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")

    def add_resident(self, name: str, language_code: str) -> Resident:
        """A new resident with the next free id."""
        next_id = max([FIRST_RESIDENT_ID - 1, *self.residents]) + 1
        resident = Resident(next_id, name, language_code)
        self.residents[resident.id] = resident
        self.save()
        return resident

    def ensure_resident(self, resident: Resident) -> Resident:
        """Add a demo resident unless one with that id exists."""
        return self.residents.setdefault(resident.id, resident)

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
