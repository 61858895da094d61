"""What staff hand in for a poll: texts per language, options, times, audience; the rules."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from bot.config import LANGUAGES
from bot.services.audience import VOCABULARY, Audience
from bot.services.text_length import utf16_len

QUESTION_MAX = 300
OPTION_MAX = 100
OPTIONS_MIN = 2
OPTIONS_MAX = 12


# Why a poll was refused (PollError.code).
PollErrorCode = Literal[
    "already_closed", "already_pushed", "audience", "closes_before_start", "closes_in_past",
    "duplicate", "duplicate_option", "empty_option", "empty_question", "incomplete_language",
    "no_audience", "no_german", "not_closed", "not_found", "option_count_differs",
    "option_too_long", "question_too_long", "starts_in_past", "too_few_options", "too_many_options",
    "unknown_language",
]  # fmt: skip


class PollError(ValueError):
    """A rule was broken; `code` lets each channel say why in its own words."""

    def __init__(self, code: PollErrorCode, message: str, **details: int | str) -> None:
        super().__init__(message)
        self.code = code
        self.details = details


@dataclass(frozen=True)
class PollAudience:
    """Residents (narrowed by profile filters) and/or approved youth groups."""

    residents: Audience = field(default_factory=Audience)
    include_residents: bool = True
    groups: bool = False

    def to_json(self) -> str:
        """Stored form."""
        data = json.loads(self.residents.to_json())
        return json.dumps(data | {"residents": self.include_residents, "groups": self.groups})

    @classmethod
    def from_json(cls, text: str) -> PollAudience:
        """Read the stored form."""
        data = json.loads(text or "{}")
        residents = Audience(**{kind: frozenset(data.get(kind, ())) for kind in VOCABULARY})
        return cls(residents, bool(data.get("residents", True)), bool(data.get("groups", False)))


@dataclass(frozen=True)
class PollDraft:
    """One poll: {language: question}, {language: [options]}, German required."""

    questions: dict[str, str]
    options: dict[str, list[str]]
    closes_at: datetime
    multiple: bool = False
    show_results: bool = True
    push_results: bool = False
    audience: PollAudience = field(default_factory=PollAudience)
    starts_at: datetime | None = None  # None: now
    machine: frozenset[str] = frozenset()  # variants made by machine translation


def check_question(text: str) -> str:
    """The stripped question, or PollError empty_question / question_too_long."""
    text = text.strip()
    if not text:
        raise PollError("empty_question", "the question is empty")
    if utf16_len(text) > QUESTION_MAX:
        raise PollError(
            "question_too_long", "question too long", length=utf16_len(text), limit=QUESTION_MAX
        )
    return text


def check_option(text: str) -> str:
    """The stripped option, or PollError empty_option / option_too_long."""
    text = text.strip()
    if not text:
        raise PollError("empty_option", "an option is empty")
    if utf16_len(text) > OPTION_MAX:
        raise PollError(
            "option_too_long", "option too long", length=utf16_len(text), limit=OPTION_MAX
        )
    return text


def check_options(options: list[str]) -> list[str]:
    """2–12 valid options, or PollError too_few_options / too_many_options / …."""
    if len(options) < OPTIONS_MIN:
        raise PollError("too_few_options", "at least 2 options", count=len(options))
    if len(options) > OPTIONS_MAX:
        raise PollError("too_many_options", "at most 12 options", count=len(options))
    checked = [check_option(option) for option in options]
    if len({option.casefold() for option in checked}) != len(checked):
        raise PollError("duplicate_option", "two options are the same")
    return checked


def validate(draft: PollDraft, now: datetime) -> PollDraft:
    """The draft with stripped texts, or PollError saying what is wrong (and in which language)."""
    if "de" not in draft.questions or "de" not in draft.options:
        raise PollError("no_german", "the German version is required")
    if set(draft.questions) != set(draft.options):
        raise PollError("incomplete_language", "each language needs a question and options")
    questions, options = {}, {}
    for language in draft.questions:
        if language not in LANGUAGES:
            raise PollError("unknown_language", f"unknown language {language!r}", language=language)
        try:
            questions[language] = check_question(draft.questions[language])
            options[language] = check_options(list(draft.options[language]))
        except PollError as error:
            error.details["language"] = language
            raise
        if len(options[language]) != len(draft.options["de"]):
            raise PollError(
                "option_count_differs", f"{language}: not as many options as in German",
                language=language, count=len(options[language]), expected=len(draft.options["de"]),
            )  # fmt: skip
    starts = draft.starts_at or now
    if draft.closes_at <= now:
        raise PollError("closes_in_past", "the closing time is in the past")
    if draft.starts_at is not None and draft.starts_at < now:
        raise PollError("starts_in_past", "the start time is in the past")
    if draft.closes_at <= starts:
        raise PollError("closes_before_start", "the poll closes before it starts")
    if not (draft.audience.include_residents or draft.audience.groups):
        raise PollError("no_audience", "nobody would get the poll")
    return PollDraft(
        questions, options, draft.closes_at, draft.multiple, draft.show_results,
        draft.push_results, draft.audience, draft.starts_at, draft.machine & set(questions),
    )  # fmt: skip
