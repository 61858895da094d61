"""Every button label in the code, found by reading it: the msgids, the icon, half or full width.

A keyboard is read the way aiogram lays it out: ``adjust(1, 2)`` puts the first button alone and
the next ones in pairs; without ``adjust`` all buttons share one row; ``rows_by_width`` gives a
long label a row of its own. A button whose place cannot be known (in a loop, after a loop) counts
as half width whenever the keyboard has rows of two or more, unless the line of the call or the
line above it says ``# full row`` (for layouts computed at run time).
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUTTON_CALLS = {"button", "InlineKeyboardButton", "KeyboardButton"}


@dataclass(frozen=True)
class Button:
    """One button label: where, its msgids, and its width class (the icon is not counted)."""

    where: str
    msgids: tuple[str, ...]
    half: bool


def _name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def _text_arg(call: ast.Call) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == "text":
            return keyword.value
    return None


class Project:
    """The functions of bot/ and handlers/, to follow label helpers like ``district_label``."""

    def __init__(self) -> None:
        self.files = [p for d in ("bot", "handlers") for p in sorted((ROOT / d).rglob("*.py"))]
        self.trees = {p: ast.parse(p.read_text(encoding="utf-8")) for p in self.files}
        self.functions: dict[str, list[ast.AST]] = {}
        for tree in self.trees.values():
            for node in ast.walk(tree):
                if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                    self.functions.setdefault(node.name, []).append(node)

    def msgids(self, expr: ast.AST, scope: ast.AST, seen: set[str]) -> list[str]:
        """The ``_("…")`` literals an expression can show, through local names and helpers."""
        found: list[str] = []
        for node in ast.walk(expr):
            if isinstance(node, ast.Call) and _name(node) in {"_", "gettext"} and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    found.append(first.value)
            elif isinstance(node, ast.Name) and node.id not in seen:
                seen.add(node.id)
                for value in _local_values(scope, node.id):
                    found += self.msgids(value, scope, seen)
                helpers = self.functions.get(node.id, []) if node.id.endswith("_label") else []
                for function in helpers:
                    found += self.msgids(function, function, seen)
        return found


def _local_values(scope: ast.AST, name: str) -> Iterator[ast.AST]:
    """What a local name is bound to: assignments and the iterables of for loops."""
    for node in ast.walk(scope):
        if isinstance(node, ast.Assign) and _binds(node.targets, name):
            yield node.value
        elif isinstance(node, ast.For) and _binds([node.target], name):
            yield node.iter


def _binds(targets: list[ast.expr], name: str) -> bool:
    nodes = [node for target in targets for node in ast.walk(target)]
    return any(isinstance(node, ast.Name) and node.id == name for node in nodes)


def visible_length(text: str) -> int:
    """Characters as a reader counts them (an emoji's variation selector is not one)."""
    return sum(1 for char in text if char not in "\ufe0f\u200d")


class Layout:
    """Which buttons of one function's keyboard may share a row."""

    def __init__(self, function: ast.AST, lines: list[str]) -> None:
        self.lines = lines
        self.sizes: list[int] | None = []
        self.auto = False
        self.places: dict[int, set[int] | None] = {}
        for node in ast.walk(function):
            if isinstance(node, ast.Call) and _name(node) == "adjust":
                literal = all(isinstance(a, ast.Constant) for a in node.args)
                self.sizes = [a.value for a in node.args] if literal else None  # type: ignore[attr-defined]
            elif isinstance(node, ast.Call) and _name(node) == "rows_by_width":
                self.auto = True
        self._walk(getattr(function, "body", []), {0})

    def _walk(self, body: list[ast.stmt], counts: set[int] | None) -> set[int] | None:
        for statement in body:
            if isinstance(statement, ast.If):
                one = self._walk(statement.body, counts)
                other = self._walk(statement.orelse, counts)
                counts = None if one is None or other is None else one | other
            elif isinstance(statement, ast.For | ast.AsyncFor | ast.While):
                before = len(self.places)
                self._walk(statement.body, None)
                counts = None if len(self.places) > before else counts
            elif isinstance(statement, ast.With | ast.AsyncWith | ast.Try):
                counts = self._walk(statement.body, counts)
            else:
                for node in ast.walk(statement):
                    if isinstance(node, ast.Call) and _name(node) in BUTTON_CALLS | {"add"}:
                        self.places[id(node)] = counts
                        counts = None if counts is None else {c + 1 for c in counts}
        return counts

    def half(self, call: ast.Call) -> bool:
        """Whether this button may share its row with another."""
        hint = self.lines[call.lineno - 2 : (call.end_lineno or call.lineno)]
        if self.auto or any("# full row" in line for line in hint):
            return False  # rows_by_width gives a label over the half limit its own row
        if self.sizes is None:
            return True
        places = self.places.get(id(call))
        if not self.sizes:  # no adjust: every button in one row
            return len(self.places) > 1
        sizes = self.sizes
        if places is None:
            return max(sizes) > 1
        return any(_row_size(sizes, place) > 1 for place in places)


def _row_size(sizes: list[int], place: int) -> int:
    """The size of the row the button at this index lands in (the last size repeats)."""
    start = 0
    for index in range(10_000):
        size = sizes[min(index, len(sizes) - 1)]
        if place < start + size:
            return size
        start += size
    return sizes[-1]


def buttons() -> list[Button]:
    """Every button label with a msgid in bot/ and handlers/."""
    project = Project()
    lines = {path: path.read_text(encoding="utf-8").splitlines() for path in project.files}
    found = []
    for path, tree in project.trees.items():
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            layout = Layout(function, lines[path])
            for call in ast.walk(function):
                if not isinstance(call, ast.Call) or _name(call) not in BUTTON_CALLS | {"add"}:
                    continue
                text = _text_arg(call)
                msgids = project.msgids(text, function, set()) if text is not None else []
                if _name(call) == "add" and call.args and isinstance(call.args[0], ast.Call):
                    text = call.args[0]  # a ready-made button such as back_to_menu_button()
                    helpers = project.functions.get(_name(text), [])
                    msgids = [
                        m for helper in helpers for m in project.msgids(helper, helper, set())
                    ]
                if msgids and id(call) in layout.places:
                    where = f"{path.relative_to(ROOT)}:{call.lineno}"
                    found.append(Button(where, tuple(msgids), layout.half(call)))
    return found
