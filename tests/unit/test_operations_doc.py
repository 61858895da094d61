"""docs/OPERATIONS.md documents every setting bot/config.py reads, with its real default."""

from __future__ import annotations

import re
from pathlib import Path

from bot.config import Settings

DOC = Path(__file__).resolve().parents[2] / "docs" / "OPERATIONS.md"


def documented() -> dict[str, str]:
    """Variable → default as written in the runbook's settings table."""
    text = DOC.read_text(encoding="utf-8")
    table = text.split("<!-- settings:", 1)[1].split("\n\n", 1)[0]
    rows = re.findall(r"^\| `([A-Z_]+)` \| (.+?) \|", table, flags=re.MULTILINE)
    return {name: default.strip() for name, default in rows}


def shown(default: object) -> str:
    if default is None or default == []:
        return "—"
    return f"`{default}`"


def test_every_setting_is_documented_with_its_default() -> None:
    rows = documented()
    fields = {
        name.upper(): shown(field.get_default(call_default_factory=True))
        for name, field in Settings.model_fields.items()
    }
    assert sorted(set(fields) - set(rows)) == [], "settings missing from docs/OPERATIONS.md"
    assert sorted(set(rows) - set(fields)) == [], "docs/OPERATIONS.md names unknown settings"
    assert {name: rows[name] for name in fields} == fields
