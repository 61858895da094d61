"""Our keyboard builder gives exactly the keyboards aiogram's builder gives."""

from __future__ import annotations

from typing import Any

from aiogram.types import InlineKeyboardButton
from aiogram.utils import keyboard
from hypothesis import given
from hypothesis import strategies as st

from bot.keyboards.builder import InlineKeyboardBuilder

labels = st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=30)
sizes = st.lists(st.integers(min_value=1, max_value=8), max_size=5)


def build(
    builder: Any,
    texts: list[str],
    row_sizes: list[int],
    repeat: bool,
    extra: int,
) -> Any:
    for index, text in enumerate(texts):
        builder.button(text=text, callback_data=f"cb:{index}")
    builder.adjust(*row_sizes, repeat=repeat)
    for index in range(extra):  # buttons added after adjusting, as the menus do
        builder.add(InlineKeyboardButton(text=f"extra {index}", callback_data=f"x:{index}"))
    return builder.as_markup()


@given(labels, sizes, st.booleans(), st.integers(min_value=0, max_value=3))
def test_same_rows_and_buttons_as_aiogram(
    texts: list[str], row_sizes: list[int], repeat: bool, extra: int
) -> None:
    ours = build(InlineKeyboardBuilder(), texts, row_sizes, repeat, extra)
    theirs = build(keyboard.InlineKeyboardBuilder(), texts, row_sizes, repeat, extra)  # noqa: TID251
    assert ours.model_dump() == theirs.model_dump()


def test_a_built_keyboard_is_not_changed_by_later_buttons() -> None:
    builder = InlineKeyboardBuilder()
    builder.button(text="A", callback_data="a")
    first = builder.as_markup()
    builder.button(text="B", callback_data="b")
    builder.adjust(1)
    assert [[b.text for b in row] for row in first.inline_keyboard] == [["A"]]
    assert [[b.text for b in row] for row in builder.as_markup().inline_keyboard] == [["A"], ["B"]]
