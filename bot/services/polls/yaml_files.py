"""Read a poll from a YAML file; a mistake is reported with its line and field."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.config import LANGUAGES
from bot.services.audience import VOCABULARY, Audience, AudienceKind, UnknownAudienceValue
from bot.services.polls.input import (
    PollAudience,
    PollDraft,
    PollError,
    check_option,
    check_options,
    check_question,
    validate,
)

KEYS = {"question", "options", "multiple", "closes", "starts", "audience", "show_results"}
KEYS |= {"push_results"}
TIME_FORMAT = "%Y-%m-%d %H:%M"


class PollFileError(ValueError):
    """A mistake in the file: line (1-based, 0 if unknown), field and what is wrong."""

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(f"line {line}, {field}: {message}" if line else f"{field}: {message}")
        self.line, self.field = line, field


class _Lines:
    """Where each field starts in the file, from the YAML node tree."""

    def __init__(self, node: yaml.Node | None) -> None:
        self.lines: dict[str, int] = {}
        if node is not None:
            self._walk(node, "")

    def _walk(self, node: yaml.Node, path: str) -> None:
        self.lines[path] = node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = f"{path}.{key.value}" if path else str(key.value)
                self.lines[name] = key.start_mark.line + 1
                self._walk(value, name)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self._walk(item, f"{path}[{index + 1}]")

    def error(self, field: str, message: str) -> PollFileError:
        """The error, at the field's line (or its parent's)."""
        path = field
        while path and path not in self.lines:
            path = re.sub(r"(\.[^.\[]+|\[\d+\])$", "", path)
        return PollFileError(self.lines.get(path, 0), field, message)


def parse(text: str, zone: ZoneInfo, now: datetime) -> PollDraft:
    """The validated draft from a file's text, or PollFileError."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else 0
        raise PollFileError(line, "file", f"not valid YAML ({error.problem})") from None
    lines = _Lines(node)
    if not isinstance(data, dict):
        raise lines.error("file", "expected fields such as question:, options:, closes:")
    for key in data:
        if key not in KEYS:
            raise lines.error(str(key), f"unknown field; expected one of {', '.join(sorted(KEYS))}")
    questions = _texts(data.get("question"), "question", lines)
    options = _options(data.get("options"), set(questions), lines)
    draft = PollDraft(
        questions=questions, options=options,
        closes_at=_time(data.get("closes"), "closes", zone, lines, required=True),
        starts_at=_time(data.get("starts"), "starts", zone, lines, required=False),
        multiple=_flag(data, "multiple", False, lines),
        show_results=_flag(data, "show_results", True, lines),
        push_results=_flag(data, "push_results", False, lines),
        audience=_audience(data.get("audience", "all"), lines),
    )  # fmt: skip
    try:
        return validate(draft, now)
    except PollError as error:
        field = {"closes_in_past": "closes", "starts_in_past": "starts"}.get(error.code, "file")
        if error.code == "closes_before_start":
            field = "closes"
        raise lines.error(field, str(error)) from None


def _texts(value: Any, field: str, lines: _Lines) -> dict[str, str]:
    if isinstance(value, str):
        value = {"de": value}
    if not isinstance(value, dict) or not value:
        raise lines.error(field, "expected texts per language, e.g. {de: …, tr: …}")
    if "de" not in value:
        raise lines.error(field, "the German text (de:) is required")
    texts = {}
    for language, text in value.items():
        where = f"{field}.{language}"
        if language not in LANGUAGES:
            raise lines.error(where, f"unknown language; expected one of {', '.join(LANGUAGES)}")
        if not isinstance(text, str):
            raise lines.error(where, "expected a text")
        try:
            texts[language] = check_option(text) if field != "question" else check_question(text)
        except PollError as error:
            raise lines.error(where, _explain(error)) from None
    return texts


def _options(value: Any, languages: set[str], lines: _Lines) -> dict[str, list[str]]:
    if not isinstance(value, list):
        raise lines.error("options", "expected a list of 2–12 options")
    by_language: dict[str, list[str]] = {language: [] for language in languages}
    for index, item in enumerate(value, start=1):
        texts = _texts(item, f"options[{index}]", lines)
        if set(texts) != languages:
            missing = ", ".join(sorted(languages - set(texts))) or "—"
            extra = ", ".join(sorted(set(texts) - languages)) or "—"
            raise lines.error(
                f"options[{index}]",
                f"needs the same languages as the question (missing: {missing}; extra: {extra})",
            )
        for language, text in texts.items():
            by_language[language].append(text)
    try:
        check_options(by_language["de"])
    except PollError as error:
        raise lines.error("options", _explain(error)) from None
    return by_language


def _explain(error: PollError) -> str:
    limit = error.details.get("limit")
    if limit is not None:
        return f"too long ({error.details['length']} characters; at most {limit})"
    return str(error)


def _time(value: Any, field: str, zone: ZoneInfo, lines: _Lines, *, required: bool) -> Any:
    if value is None and not required:
        return None
    try:
        local = datetime.strptime(str(value), TIME_FORMAT)
    except ValueError:
        raise lines.error(field, 'expected "YYYY-MM-DD HH:MM" (Europe/Berlin)') from None
    return local.replace(tzinfo=zone)


def _flag(data: dict[str, Any], field: str, default: bool, lines: _Lines) -> bool:
    value = data.get(field, default)
    if not isinstance(value, bool):
        raise lines.error(field, "expected true or false")
    return value


def _audience(value: Any, lines: _Lines) -> PollAudience:
    if value == "all":
        return PollAudience(groups=True)
    if value == "groups":
        return PollAudience(include_residents=False, groups=True)
    if not isinstance(value, dict):
        raise lines.error("audience", "expected all, groups, or filters such as {districts: […]}")
    filters: dict[str, frozenset[str]] = {}
    for kind, values in value.items():
        if kind == "groups":
            continue
        if kind not in VOCABULARY:
            allowed = ", ".join([*VOCABULARY, "groups"])
            raise lines.error(f"audience.{kind}", f"unknown filter; expected one of {allowed}")
        if not isinstance(values, list):
            raise lines.error(f"audience.{kind}", "expected a list, e.g. [mitte]")
        filters[kind] = frozenset(
            _code(str(v)) if kind == AudienceKind.DISTRICTS else str(v) for v in values
        )
    try:
        residents = Audience(**filters)
    except UnknownAudienceValue as error:
        allowed = ", ".join(VOCABULARY[error.kind])
        raise lines.error(f"audience.{error.kind}", f"{error}; expected one of {allowed}") from None
    groups = value.get("groups", False)
    if not isinstance(groups, bool):
        raise lines.error("audience.groups", "expected true or false")
    return PollAudience(residents=residents, groups=groups)


def _code(value: str) -> str:
    """'Mitte', 'Homberg / Ruhrort / Baerl', 'SÜD' → the stored district code."""
    folded = value.strip().casefold().replace("ü", "ue")
    return re.sub(r"[\s/_-]+", "-", folded).strip("-")
