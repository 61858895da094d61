"""The web chat's list of simulated residents is kept in a file of its own."""

from __future__ import annotations

import json
from pathlib import Path

from bot.sandbox.webchat_directory import Directory


async def test_residents_survive_a_restart_of_the_sandbox(tmp_path: Path) -> None:
    path = tmp_path / "residents.jsonl"
    first = Directory(path)
    assert first.fresh
    ayse = first.add_resident("Ayşe", "tr")
    again = Directory(path)
    assert not again.fresh
    assert again.residents[ayse.id] == ayse
    assert again.add_resident("Ali", "ar").id == ayse.id + 1
    path.write_text("{not json", encoding="utf-8")
    assert Directory(path).residents == {}  # a damaged file costs only the names


async def test_a_new_resident_is_appended_not_the_whole_file_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "residents.jsonl"
    directory = Directory(path)
    for number in range(50):
        directory.add_resident(f"Resident {number}", "de")
    before = path.read_bytes()
    inode = path.stat().st_ino
    ali = directory.add_resident("Ali", "ar")
    after = path.read_bytes()
    assert path.stat().st_ino == inode
    assert after.startswith(before)  # what was there is untouched
    assert json.loads(after[len(before) :]) == {
        "id": ali.id, "name": "Ali", "language_code": "ar", "demo": False
    }  # fmt: skip
    assert Directory(path).residents == directory.residents


async def test_a_cut_off_last_line_costs_only_that_resident(tmp_path: Path) -> None:
    path = tmp_path / "residents.jsonl"
    ayse = Directory(path).add_resident("Ayşe", "tr")
    with path.open("a", encoding="utf-8") as file:
        file.write('{"id": 700002, "na')  # a kill in the middle of a write
    again = Directory(path)
    assert again.residents == {ayse.id: ayse}
    assert again.add_resident("Ali", "ar").id == ayse.id + 1
    assert set(Directory(path).residents) == {ayse.id, ayse.id + 1}


async def test_the_older_whole_file_json_is_moved_into_the_new_file_once(tmp_path: Path) -> None:
    legacy = tmp_path / "residents.json"
    old = [{"id": 700_001, "name": "Ayşe", "language_code": "tr", "demo": False}]
    legacy.write_text(json.dumps({"residents": old}, indent=1), encoding="utf-8")
    path = tmp_path / "residents.jsonl"
    directory = Directory(path, legacy)
    assert not directory.fresh
    assert directory.residents[700_001].name == "Ayşe"
    assert not legacy.exists()
    assert directory.add_resident("Ali", "ar").id == 700_002
    assert [r.name for r in Directory(path, legacy).residents.values()] == ["Ayşe", "Ali"]
