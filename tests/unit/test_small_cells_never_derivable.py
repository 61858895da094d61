"""A reader of a breakdown can't work out any hidden cell: not from the column totals (the
results over all residents), not from a row's voters, not from both together.

The reader's side is played in full: every table consistent with what is shown (visible cells,
"•" meaning any number, the column totals, each row's votes adding up to its
voters) is enumerated, and each hidden cell must take at least two values among them."""

from __future__ import annotations

from itertools import product

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.services.polls.suppression import Mark, protect


def _choices(shown: str, value_cap: int) -> range:
    if shown == Mark.HIDDEN:
        return range(value_cap + 1)
    return range(int(shown), int(shown) + 1)


def consistent_tables(shown: list[list[str]], totals: list[int]) -> list[list[list[int]]]:
    """Every table the reader can't rule out (columns first, then each row's sum)."""
    height, width = len(shown), len(shown[0])
    per_column = []
    for c in range(width):
        options = [_choices(shown[r][c], totals[c]) for r in range(height)]
        per_column.append([col for col in product(*options) if sum(col) == totals[c]])
    found = []
    for columns in product(*per_column):
        rows = [[columns[c][r] for c in range(width)] for r in range(height)]
        if all(sum(row[:-1]) == row[-1] for row in rows):
            found.append(rows)
    return found


segments = st.lists(st.lists(st.integers(0, 9), min_size=2, max_size=2), min_size=1, max_size=3)


@settings(max_examples=120, deadline=None)
@given(segments)
def test_no_hidden_cell_of_a_single_choice_breakdown_can_be_worked_out(
    votes: list[list[int]],
) -> None:
    values = [[*row, sum(row)] for row in votes]  # options, then the segment's voters
    totals = [sum(column) for column in zip(*values, strict=True)]
    shown = protect(values, rows_add_up=True)
    if shown is None:  # withheld as a whole: nothing to work out
        return
    hidden = [(r, c) for r, row in enumerate(shown) for c, cell in enumerate(row)
              if cell == Mark.HIDDEN]  # fmt: skip
    assert all(values[r][c] >= 5 or (r, c) in hidden for r in range(len(values))
               for c in range(3))  # fmt: skip
    tables = consistent_tables(shown, totals)
    assert values in tables  # the reader's model admits the truth
    for r, c in hidden:
        assert len({table[r][c] for table in tables}) >= 2, (values, shown, (r, c))


def test_the_dashboards_old_defect_a_lone_small_cell_beside_a_row_total() -> None:
    # German speakers 6 : 1 (7 voters), Turkish speakers 0 : 3: "6 | < 5 | 7" gave the 1 away.
    shown = protect([[6, 1, 7], [0, 3, 3]], rows_add_up=True)
    assert shown is not None and shown[0] != ["6", "•", "7"]
    tables = consistent_tables(shown, [6, 4, 10])
    assert len({table[0][1] for table in tables}) >= 2
