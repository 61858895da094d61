"""Exports are data, never formulas: what staff's spreadsheet program gets from every export."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from bot.services.tabular import TRIGGERS, Sheet, to_csv, to_xlsx

PAYLOADS = [
    '=HYPERLINK("http://evil.example","click")',
    "+1",
    "-2+3",
    "@SUM(A1)",
    "\tx",
    "\rx",
]
HARMLESS = ["Mehr Busse nach Walsum", "1+1=2", "a=b", "'zitiert'", "#N/A", " =1+1"]
ROOT = Path(__file__).resolve().parents[2]


def read_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def read_xlsx(data: bytes) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None
    return [list(row) for row in sheet.iter_rows()]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_csv_gives_a_leading_apostrophe_to_what_a_spreadsheet_would_run(payload: str) -> None:
    rows = read_csv(to_csv(Sheet("ideas", ["text", "supports"], [[payload, -3]])))
    assert rows == [["text", "supports"], ["'" + payload, "-3"]]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_xlsx_keeps_it_a_string_cell_never_a_formula(payload: str) -> None:
    (header, (cell, number)) = read_xlsx(to_xlsx(Sheet("ideas", ["text", "n"], [[payload, -3]])))
    assert [c.value for c in header] == ["text", "n"]
    assert cell.data_type == "s" and cell.quotePrefix  # type: ignore[attr-defined]
    # XML reads a carriage return as a line break; the text is otherwise unchanged.
    assert cell.value == payload.replace("\r", "\n")  # type: ignore[attr-defined]
    assert (number.value, number.data_type) == (-3, "n")  # type: ignore[attr-defined]


@pytest.mark.parametrize("text", HARMLESS)
def test_ordinary_text_is_unchanged(text: str) -> None:
    assert read_csv(to_csv(Sheet("s", ["text"], [[text]])))[1] == [text]
    (_header, (cell,)) = read_xlsx(to_xlsx(Sheet("s", ["text"], [[text]])))
    assert cell.data_type == "s" and cell.value == text  # type: ignore[attr-defined]


def test_xlsx_takes_control_characters_xml_cannot_hold() -> None:
    (_header, (cell,)) = read_xlsx(to_xlsx(Sheet("s", ["text"], [["Bus\x0b\x00linie 7"]])))
    assert cell.value == "Bus\ufffd\ufffdlinie 7"  # type: ignore[attr-defined]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(min_size=1, max_size=30), min_size=1, max_size=4))
def test_every_text_reads_back_as_text(texts: list[str]) -> None:
    (_header, row) = read_csv(to_csv(Sheet("s", [f"c{n}" for n in range(len(texts))], [texts])))
    for written, text in zip(row, texts, strict=True):
        assert written == ("'" + text if text.startswith(TRIGGERS) else text)
    for cell in read_xlsx(to_xlsx(Sheet("s", ["c"] * len(texts), [texts])))[1]:
        assert cell.data_type == "s"  # type: ignore[attr-defined]


def test_every_export_writes_through_the_shared_module() -> None:
    """A new export that writes CSV or XLSX itself would skip the escaping."""
    direct = re.compile(r"^\s*(import|from)\s+(csv|openpyxl)\b", re.MULTILINE)
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("bot", "handlers", "db")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if path.name != "tabular.py" and direct.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
