"""CSV and XLSX for every export: a text cell is always data, never a formula.

Spreadsheet programs run a cell that starts with = + - @ (and, after a tab or carriage
return, sometimes still) as a formula: `=HYPERLINK("http://evil.example","click")` in an idea
would become a live link in staff's Excel (OWASP "CSV injection"). Every export writes through
this module, so a new one is safe without thinking about it:

- CSV: a text cell starting with one of TRIGGERS gets a leading apostrophe (`'=HYPERLINK(…)`),
  which spreadsheets show as text; numbers we computed (ints, floats) stay as they are.
- XLSX: a text cell is always a string cell (never a formula or an error value) and is
  marked "quote prefix", so it stays text even when staff edit it; numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Cell = str | int | float | None
Row = Sequence[Cell]

TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 cannot hold these control characters at all (openpyxl refuses them).
_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
REPLACEMENT = "\ufffd"


@dataclass(frozen=True)
class Sheet:
    """One worksheet (or the whole CSV): a header row and data rows."""

    title: str
    header: Sequence[str]
    rows: Iterable[Row]


def csv_text(value: str) -> str:
    """A text cell as written to CSV: a leading apostrophe if a spreadsheet would run it."""
    return "'" + value if value.startswith(TRIGGERS) else value


def _csv_cell(value: Cell) -> str | int | float:
    if value is None:
        return ""
    if isinstance(value, str):
        return csv_text(value)
    return value  # bool is an int: counts and flags we computed are not text from people


def to_csv(sheet: Sheet) -> bytes:
    """UTF-8 CSV (RFC 4180) with a header row; text cells made safe with csv_text."""
    buffer = io.StringIO()
    # CRLF: the csv module quotes a cell only for the line end's characters, and a bare
    # carriage return in a resident's text must not end the row.
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_csv_cell(name) for name in sheet.header])
    writer.writerows([_csv_cell(value) for value in row] for row in sheet.rows)
    return buffer.getvalue().encode("utf-8")


def xlsx_text(value: str) -> str:
    """A text cell as stored in XLSX: characters XML cannot hold replaced, CR as a line break."""
    # XML turns a bare carriage return into a line break on reading; say so explicitly.
    return _NOT_IN_XML.sub(REPLACEMENT, value.replace("\r\n", "\n").replace("\r", "\n"))


def to_xlsx(*sheets: Sheet) -> bytes:
    """A workbook with one worksheet per Sheet; every text cell a string cell."""
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for sheet in sheets:
        worksheet = book.create_sheet(sheet.title)
        for row_number, row in enumerate([sheet.header, *sheet.rows], start=1):
            for column, value in enumerate(row, start=1):
                cell = worksheet.cell(row=row_number, column=column)
                if isinstance(value, str):
                    # Assigning a str starting with "=" would make a formula, "#N/A" an error.
                    cell.value = xlsx_text(value)
                    cell.data_type = "s"
                    cell.quotePrefix = value.startswith(TRIGGERS)
                else:
                    cell.value = value
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def parse_csv(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """An imported CSV (staff's files): its header and each row with its line number (the
    header is line 1); a leading byte-order mark, as Excel writes it, is ignored."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = list(reader.fieldnames or [])
    return header, [(reader.line_num, row) for row in reader]
