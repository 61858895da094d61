"""Rules parsed from the spec's prose: length limits, enums, charsets, constants, one-of groups."""

from __future__ import annotations

from typing import Any

from .entities import utf16_len
from .errors import bad_request
from .formatting import render_text
from .spec import Definition, Field


def apply_constraints(
    owner: Definition, values: dict[str, Any], prefix: str, *, top: bool, strict: bool
) -> None:
    """Apply limits, enums, charsets, constants and one-of rules parsed from the spec."""
    for name, value in values.items():
        f = owner.fields[name]
        path = prefix + name
        if f.const is not None and value != f.const:
            raise bad_request(f'field "{path}" must be "{f.const}"')
        if isinstance(value, str):
            check_string(owner, f, values, path, top, strict)
        lim = f.limit
        items = isinstance(value, list) and lim is not None and lim.unit == "items"
        if items and lim and not lim.low <= len(value) <= lim.high:
            raise bad_request(f'field "{path}" must have {lim.low}-{lim.high} items')
    present = [n for n in owner.fields if n in values and n in owner.one_of]
    if owner.one_of and (len(present) > 1 or (owner.one_of_exact and not present)):
        if owner.name == "InlineKeyboardButton" and not present:
            raise bad_request(
                "can't parse inline keyboard button: "
                "Text buttons are unallowed in the inline keyboard"
            )
        which = "exactly" if owner.one_of_exact else "at most"
        fields = ", ".join(sorted(owner.one_of))
        raise bad_request(f'{which} one of {fields} must be used in "{prefix.rstrip(".")}"')


def check_string(
    owner: Definition, f: Field, values: dict[str, Any], path: str, top: bool, strict: bool
) -> None:
    """Length (after entity parsing where a parse mode applies), enum and charset rules."""
    text: str = values[f.name]
    mode_field = f"{f.name}_parse_mode" if f"{f.name}_parse_mode" in owner.fields else None
    if mode_field is None and "parse_mode" in owner.fields:
        entity_text = f.name in ("text", "caption", "message_text")
        mode_field = "parse_mode" if entity_text or (f.limit and f.limit.after_entities) else None
    if mode_field:
        text, _ = render_text(text, values.get(mode_field), strict_ampersand=strict)
    if (lim := f.limit) and lim.unit != "items":
        size = len(text.encode()) if lim.unit == "bytes" else utf16_len(text)
        if not lim.low <= size <= lim.high:
            raise bad_request(_limit_detail(f.name, path, size, lim.low, lim.high, lim.unit, top))
    elif not top and f.required and not text and "empty" not in f.description:
        raise bad_request(f'field "{path}" must be non-empty')
    if f.enum and text not in f.enum:
        raise bad_request(f'field "{path}" must be one of {", ".join(sorted(f.enum))}')
    if f.charset and not f.charset.fullmatch(text):
        raise bad_request(f'field "{path}" contains unallowed characters')


def _limit_detail(
    name: str, path: str, size: int, low: int, high: int, unit: str, top: bool
) -> str:
    """Telegram's wording for the common cases, a precise generic message otherwise."""
    if name == "callback_data":
        return "BUTTON_DATA_INVALID"
    if (top and name == "text") or name == "message_text":
        return "message text is empty" if size < low else "message is too long"
    if top and name == "caption" and size > high:
        return "message caption is too long"
    return f'field "{path}" must be {low}-{high} {unit}, got {size}'
