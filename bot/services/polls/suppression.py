"""Hiding a breakdown's small cells so that none can be worked out from what is shown.

A breakdown is a table: one row per segment (e.g. each language), one column per option plus
the segment's voters. The column totals are shown elsewhere (the results over all residents),
and in a single-choice poll each row's votes add up to its voters. So a lone hidden cell in a
row or a column is the total minus the others — the dashboard's poll page had that defect
("6 | < 5 | 7 voters"). Cells below 5 are hidden; then, line by line, more cells are hidden until
no line pins any of its hidden cells to one value. Every hidden cell looks the same ("•"): a
separate mark for the extra ones ("5 or more") gave the reader a bound that pinned small cells.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

SMALL = 5  # cells below this are never shown
UNBOUNDED = 10**12


class Mark(StrEnum):
    """How a hidden cell is shown: below 5, or withheld so that such a cell stays hidden."""

    HIDDEN = "•"


@dataclass(frozen=True)
class Line:
    """Cells (row, column) with signs: the signed sum of their values is known."""

    cells: tuple[tuple[int, int], ...]
    signs: tuple[int, ...]


def _lines(height: int, width: int, rows_add_up: bool, column_totals: bool) -> list[Line]:
    """Columns always (their totals are shown); rows in a poll with one answer each
    (votes − voters = 0). With several answers each a row's votes bound its voters only
    loosely (each at most the voters), which this does not model."""
    lines = [Line(tuple((r, c) for r in range(height)), (1,) * height) for c in range(width)]
    if not column_totals:
        lines = []
    for r in range(height):
        if rows_add_up:
            signs = (*(1,) * (width - 1), -1)
            lines.append(Line(tuple((r, c) for c in range(width)), signs))
    return lines


def _known(line: Line, values: list[list[int]], hidden: set[tuple[int, int]]) -> int:
    """The signed sum of the line's hidden cells, as a reader computes it from what is shown."""
    return sum(sign * values[r][c] for (r, c), sign in zip(line.cells, line.signs, strict=True)
               if (r, c) in hidden)  # fmt: skip


def _bounds(
    lines: list[Line], values: list[list[int]], hidden: set[tuple[int, int]]
) -> dict[tuple[int, int], tuple[int, int]]:
    """What a reader can narrow each hidden cell down to: start from "not negative" and let
    every line tighten its cells from the others' ranges until nothing changes."""
    bounds = dict.fromkeys(hidden, (0, UNBOUNDED))
    for _round in range(100):
        changed = False
        for line in lines:
            members = [(cell, sign) for cell, sign in zip(line.cells, line.signs, strict=True)
                       if cell in hidden]  # fmt: skip
            known = _known(line, values, hidden)
            spans = [_signed(bounds[cell], sign) for cell, sign in members]
            low_sum, high_sum = sum(s[0] for s in spans), sum(s[1] for s in spans)
            for (cell, sign), (low, high) in zip(members, spans, strict=True):
                rest = (low_sum - low, high_sum - high)
                a, b = sorted((sign * (known - rest[1]), sign * (known - rest[0])))
                old = bounds[cell]
                new = (max(old[0], a), min(old[1], b))
                if new != old:
                    bounds[cell], changed = new, True
        if not changed:
            break
    return bounds


def _signed(bound: tuple[int, int], sign: int) -> tuple[int, int]:
    low, high = bound
    return (low, high) if sign > 0 else (-high, -low)


def protect(
    values: list[list[int]], *, rows_add_up: bool, column_totals: bool = True
) -> list[list[str]] | None:
    """The table as shown; None when it can't be shown without giving a small cell away.

    `column_totals`: the columns' sums are shown elsewhere (a breakdown); False for a table
    that is itself the totals (the public page's one row)."""
    if not values:
        return []
    height, width = len(values), len(values[0])
    hidden = {(r, c) for r in range(height) for c in range(width) if values[r][c] < SMALL}
    lines = _lines(height, width, rows_add_up, column_totals)
    while True:
        bounds = _bounds(lines, values, hidden)
        pinned = [cell for cell, (low, high) in sorted(bounds.items()) if low >= high]
        if not pinned:
            break
        r, c = pinned[0]
        nearby = [cell for line in lines if (r, c) in line.cells for cell in line.cells
                  if cell not in hidden]  # fmt: skip
        if not nearby:
            return None
        hidden.add(min(nearby, key=lambda cell: (values[cell[0]][cell[1]], cell)))
    return [[_shown(values[r][c], (r, c) in hidden) for c in range(width)] for r in range(height)]


def _shown(value: int, hidden: bool) -> str:
    return Mark.HIDDEN.value if hidden else str(value)
