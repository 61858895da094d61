"""Sortable tables: `?sort=<column>&dir=asc|desc`, sorted on the server from a whitelist.

Each page names its columns and how to read one from a row; a column not in that list (or a
direction other than asc/desc) leaves the page's default order, so a made-up link shows the
ordinary table, never an error. Empty cells go last in both directions.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, TypeVar
from urllib.parse import urlencode

from aiohttp import web

Row = TypeVar("Row")
Direction = Literal["asc", "desc"]
Key = Callable[[Row], object]


@dataclass(frozen=True)
class Order:
    """The chosen order (column None: the default) and the rest of the query, kept in links."""

    column: str | None
    direction: Direction
    kept: Mapping[str, str]

    def link(self, column: str) -> str:
        """The query that sorts by this column: ascending first, a second click descending."""
        flip: Direction = "desc" if self.sorted_by(column) == "ascending" else "asc"
        return urlencode({**self.kept, "sort": column, "dir": flip})

    def sorted_by(self, column: str) -> str | None:
        """The header's aria-sort value, None for a column the table is not sorted by."""
        if column != self.column:
            return None
        return "ascending" if self.direction == "asc" else "descending"


def order_of(request: web.Request, columns: Sequence[str]) -> Order:
    """The order asked for, if its column is one of `columns` and its direction is known."""
    # A new order starts at the first page of a paged table.
    kept = {k: v for k, v in request.query.items() if k not in ("sort", "dir", "page")}
    column, direction = request.query.get("sort"), request.query.get("dir", "asc")
    if column not in columns or direction not in ("asc", "desc"):
        return Order(None, "asc", kept)
    return Order(column, "desc" if direction == "desc" else "asc", kept)


def _comparable(value: object) -> Any:  # Any: sorted() needs '<'; a column's values share a type
    return value.casefold() if isinstance(value, str) else value


def arranged(rows: Sequence[Row], order: Order, keys: Mapping[str, Key[Row]]) -> list[Row]:
    """The rows in the chosen order (stable: ties keep the default order)."""
    if order.column is None:
        return list(rows)
    key = keys[order.column]
    present = [row for row in rows if key(row) is not None]
    missing = [row for row in rows if key(row) is None]
    ordered = sorted(
        present, key=lambda row: _comparable(key(row)), reverse=order.direction == "desc"
    )
    return ordered + missing
