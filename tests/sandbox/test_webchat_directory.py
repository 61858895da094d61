"""The web chat's list of simulated residents is kept in a file of its own."""

from __future__ import annotations

from pathlib import Path

from bot.sandbox.webchat_directory import Directory


async def test_residents_survive_a_restart_of_the_sandbox(tmp_path: Path) -> None:
    path = tmp_path / "residents.json"
    first = Directory(path)
    assert first.fresh
    ayse = first.add_resident("Ayşe", "tr")
    again = Directory(path)
    assert not again.fresh
    assert again.residents[ayse.id] == ayse
    assert again.add_resident("Ali", "ar").id == ayse.id + 1
    path.write_text("{not json", encoding="utf-8")
    assert Directory(path).residents == {}  # a damaged file costs only the names
