"""The vendored Telegram Bot API spec, with constraints parsed from the field descriptions."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

VENDOR_SPEC = Path(__file__).parent / "vendor" / "telegram-bot-api" / "api.min.json"
OBJECT_PRIMITIVES = frozenset({"Integer", "Float", "Boolean", "True", "String", "InputFile"})

_STR_RANGE = re.compile(r"\b(\d+)-(\d+) (characters|bytes)\b", re.I)
_STR_MAX = re.compile(r"\b(?:up to|can't exceed|at most) (\d+) (characters|bytes)\b", re.I)
_ARR_RANGE = re.compile(r"\b(?:list of|include) (\d+)-(\d+)\b", re.I)
_ARR_MAX = re.compile(
    r"\b(?:up to (\d+) (?:items|identifiers)|at most (\d+) [\w ]+? can be specified)", re.I
)
_ENUM = re.compile(r"\bmust be (?:one of|either) (.+?)(?:\.(?:\s|$)|$)", re.I)
_CHOOSE = re.compile(r"Choose one, [^:]*: (.+)$")
_CONST = re.compile(r", (?:always|must be) \"?([A-Za-z_]+)\"?\s*$")
_ONE_OF_EXCEPT = re.compile(r"\b(Exactly|At most) one of the fields other than (.+?) must be used")
_ONE_OF_LIST = re.compile(r"\bExactly one of the fields ([\w ]+?) must be used")
# Parameters Telegram dropped from the docs but still accepts (aiogram sends some of them, e.g.
# disable_web_page_preview from DefaultBotProperties); added wherever their replacement exists.
_LEGACY: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "reply_parameters": (
        ("reply_to_message_id", ("Integer",)),
        ("allow_sending_without_reply", ("Boolean",)),
    ),
    "link_preview_options": (("disable_web_page_preview", ("Boolean",)),),
    "correct_option_ids": (("correct_option_id", ("Integer",)),),
    "thumbnail": (("thumb", ("InputFile", "String")),),
}
# Character-set rules stated in prose; the keys are the spec's exact wording.
_CHARSETS = {
    "Can contain only lowercase English letters, digits and underscores": r"[a-z0-9_]*",
    "Only characters A-Z, a-z, 0-9, _ and - are allowed": r"[A-Za-z0-9_-]*",
    "Can contain only English letters, digits and underscores": r"[A-Za-z0-9_]*",
}


@dataclass(frozen=True)
class Limit:
    """A size rule from a description: characters (UTF-16 units), bytes (UTF-8) or items."""

    low: int
    high: int
    unit: str
    after_entities: bool = False


@dataclass(frozen=True)
class Field:
    """One parameter of a method or field of a type, with its parsed constraints."""

    name: str
    types: tuple[str, ...]
    required: bool
    description: str
    limit: Limit | None = None
    enum: frozenset[str] | None = None
    charset: re.Pattern[str] | None = None
    const: str | None = None
    legacy: bool = False


@dataclass(frozen=True)
class Definition:
    """A method (with its return types) or an object type (with its subtypes)."""

    name: str
    fields: dict[str, Field]
    returns: tuple[str, ...] = ()
    subtypes: tuple[str, ...] = ()
    one_of: frozenset[str] = frozenset()
    one_of_exact: bool = True
    string_ok: bool = False


def _limit(desc: str, types: tuple[str, ...]) -> Limit | None:
    """Parse "1-4096 characters", "1-64 bytes", "list of 1-100" and similar into a Limit."""
    if all(t.startswith("Array of") for t in types):
        if m := _ARR_RANGE.search(desc):
            return Limit(int(m[1]), int(m[2]), "items")
        if m := _ARR_MAX.search(desc):
            return Limit(0, int(m[1] or m[2]), "items")
        return None
    if "String" not in types:
        return None
    after = "after entit" in desc
    if m := _STR_RANGE.search(desc):
        return Limit(int(m[1]), int(m[2]), m[3].lower(), after)
    if m := _STR_MAX.search(desc):
        return Limit(0, int(m[1]), m[2].lower(), after)
    return None


def _enum(desc: str) -> frozenset[str] | None:
    """Parse 'must be one of "a", "b"' and sendChatAction's 'Choose one ...: typing for ...'."""
    if m := _ENUM.search(desc):
        values = re.findall(r'"([^"]+)"', m[1])
        return frozenset(values) if values else None
    if m := _CHOOSE.search(desc):
        return frozenset(re.findall(r"\b([a-z_]+)(?= for | or )", m[1]))
    return None


def _field(raw: dict[str, Any]) -> Field:
    """Build a Field and its constraints from the spec's JSON."""
    desc = raw.get("description", "")
    types = tuple(raw["types"])
    is_tag = raw["name"] in {"type", "status", "source"} and types == ("String",)
    const = m[1] if is_tag and (m := _CONST.search(desc)) else None
    charset = next((re.compile(p) for k, p in _CHARSETS.items() if k in desc), None)
    return Field(
        name=raw["name"],
        types=types,
        required=bool(raw.get("required")),
        description=desc,
        limit=_limit(desc, types),
        enum=_enum(desc) if types == ("String",) and const is None else None,
        charset=charset,
        const=const,
    )


def _one_of(desc: str, fields: dict[str, Field]) -> tuple[frozenset[str], bool]:
    """Parse "Exactly/At most one of the fields ... must be used" into (field group, exact)."""
    if m := _ONE_OF_EXCEPT.search(desc):
        exempt = set(re.findall(r"\w+", m[2])) - {"and"}
        return frozenset(set(fields) - exempt), m[1].lower() == "exactly"
    if m := _ONE_OF_LIST.search(desc):
        return frozenset(set(re.findall(r"\w+", m[1])) & set(fields)), True
    if "exactly one of the optional fields" in desc:
        return frozenset(n for n, f in fields.items() if not f.required), True
    return frozenset(), True


def _definition(raw: dict[str, Any]) -> Definition:
    """Build a Definition from a method or type entry."""
    fields = {f["name"]: _field(f) for f in raw.get("fields", [])}
    for modern, olds in _LEGACY.items():
        if modern in fields:
            for name, types in olds:
                fields.setdefault(name, Field(name, types, False, "", legacy=True))
    desc = " ".join(raw.get("description", ()))
    one_of, exact = _one_of(desc, fields)
    return Definition(
        name=raw["name"],
        fields=fields,
        returns=tuple(raw.get("returns", ())),
        subtypes=tuple(raw.get("subtypes", ())),
        one_of=one_of,
        one_of_exact=exact,
        string_ok="String can be used instead of this object" in desc,
    )


@dataclass
class ApiSpec:
    """Lookup of methods (case-insensitive, like Telegram) and types of one Bot API version."""

    version: str
    methods: dict[str, Definition]
    types: dict[str, Definition]
    _lower: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._lower = {name.lower(): name for name in self.methods}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ApiSpec:
        """Build the lookup from the spec's JSON document."""
        return cls(
            version=data.get("version", ""),
            methods={k: _definition(v) for k, v in data["methods"].items()},
            types={k: _definition(v) for k, v in data["types"].items()},
        )

    def method(self, name: str) -> Definition | None:
        """The method called `name` in any letter case, or None."""
        canonical = self._lower.get(name.lower())
        return self.methods[canonical] if canonical else None

    def is_object(self, type_name: str) -> bool:
        """True for object types (not primitives and not array expressions)."""
        return type_name in self.types and type_name not in OBJECT_PRIMITIVES

    def discriminated(self, abstract: str, tag: str, value: str) -> list[str]:
        """The subtypes of `abstract` whose constant `tag` field equals `value`."""
        found = []
        for sub in self.types[abstract].subtypes:
            sub_def = self.types.get(sub)
            if sub_def and (f := sub_def.fields.get(tag)) and f.const == value:
                found.append(sub)
        return found

    def tag_of(self, abstract: str) -> str | None:
        """The name of the constant field that tells the subtypes of `abstract` apart."""
        for sub in self.types[abstract].subtypes:
            sub_def = self.types.get(sub)
            for f in sub_def.fields.values() if sub_def else ():
                if f.const is not None:
                    return f.name
        return None


def load_spec(path: Path = VENDOR_SPEC) -> ApiSpec:
    """Load the spec vendored beside this module."""
    return ApiSpec.from_json(json.loads(path.read_text(encoding="utf-8")))
