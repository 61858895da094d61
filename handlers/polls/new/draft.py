"""The /newpoll draft: its states, texts, preview and keyboards (shared by the wizard's steps)."""

from __future__ import annotations

import html
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.config import LANGUAGES
from bot.i18n import language_here
from bot.keyboards.audience import filter_lines
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import PollWizCb
from bot.keyboards.common import translate_label
from bot.presentation.dates import when
from bot.presentation.machine_note import machine_line, with_note
from bot.services.polls.input import PollAudience, PollDraft, PollError

OTHER_LANGUAGES = tuple(code for code in LANGUAGES if code != "de")
DURATIONS = {"1d": timedelta(days=1), "7d": timedelta(days=7), "14d": timedelta(days=14)}
# Drafts saved before the audience screen existed name one of these.
OLD_AUDIENCES = {
    "all": PollAudience(groups=True),
    "residents": PollAudience(),
    "groups": PollAudience(include_residents=False, groups=True),
}


class PollFlow(StatesGroup):
    """Steps of the /newpoll wizard."""

    question = State()
    options = State()
    closes = State()
    preview = State()
    audience = State()
    language = State()
    translated_question = State()
    translated_options = State()


def counted_problem(error: PollError) -> str | None:
    """The problems that name a number, each worded for that number's plural form."""
    details = error.details
    if error.code == "question_too_long":
        text = ngettext(
            "The question has {length} character; at most 300 fit.",
            "The question has {length} characters; at most 300 fit.",
            details["length"],
        )
    elif error.code == "option_too_long":
        text = ngettext(
            "An answer has {length} character; at most 100 fit.",
            "An answer has {length} characters; at most 100 fit.",
            details["length"],
        )
    elif error.code == "too_many_options":
        text = ngettext(
            "That is {count} answer; at most 12 fit.",
            "That is {count} answers; at most 12 fit.",
            details["count"],
        )
    elif error.code == "option_count_differs":
        text = ngettext(
            "Please send exactly {expected} answer, as in German.",
            "Please send exactly {expected} answers, as in German.",
            details["expected"],
        )
    else:
        return None
    return text.format(**details)


def problem(error: PollError) -> str:
    """What is wrong, in one friendly sentence."""
    counted = counted_problem(error)
    if counted is not None:
        return counted
    details = error.details
    texts = {
        "empty_question": _("The question is empty. Please send it again."),
        "empty_option": _("One of the answers is empty. Please send them again."),
        "too_few_options": _("Please send at least 2 answers, one per line."),
        "duplicate_option": _("Two answers are the same. Please send them again."),
        "closes_in_past": _("That time has already passed. Please choose a later one."),
        "duplicate": _("This poll was already sent."),
        "no_audience": _("Nobody would get this poll. Please choose residents or youth groups."),
    }
    text = texts.get(error.code, _("That did not work. Please check your input."))
    return text.format(**details)


def parse_time(text: str, zone: ZoneInfo) -> datetime | None:
    """'20.12.2026 18:00' or '2026-12-20 18:00' in the city's time zone."""
    for pattern in ("%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M"):
        try:
            return datetime.strptime(text.strip(), pattern).replace(tzinfo=zone)
        except ValueError:
            continue
    return None


def audience_of(data: dict[str, Any]) -> PollAudience:
    """The draft's audience."""
    stored = data.get("audience") or "{}"
    return OLD_AUDIENCES.get(stored) or PollAudience.from_json(stored)


def audience_words(audience: PollAudience) -> list[str]:
    """Who gets the poll, one line each: the residents' filters, then the youth groups."""
    if not audience.include_residents:
        lines = ["• " + _("No residents")]
    elif audience.residents.everyone:
        lines = ["• " + _("All residents who get announcements")]
    else:
        lines = filter_lines(audience.residents)
    groups = (
        _("Registered youth groups: yes") if audience.groups else _("Registered youth groups: no")
    )
    return [*lines, "• " + groups]


def draft_of(data: dict[str, Any]) -> PollDraft:
    """The stored wizard data as a draft for the service."""
    audience = audience_of(data)
    return PollDraft(
        questions=data["questions"], options=data["options"],
        closes_at=datetime.fromisoformat(data["closes"]), multiple=data["multiple"],
        show_results=data["show"], audience=audience, machine=frozenset(machine_of(data)),
    )  # fmt: skip


def preview_text(data: dict[str, Any], zone: ZoneInfo) -> str:
    """The whole poll as it will go out, with its settings."""
    closes = when(datetime.fromisoformat(data["closes"]), zone, time="medium")
    added = [language_here(code) for code in OTHER_LANGUAGES if code in data["questions"]]
    lines = [
        _("<b>Preview</b>"),
        "<b>" + html.escape(data["questions"]["de"]) + "</b>",
        "\n".join(f"{n}. {html.escape(o)}" for n, o in enumerate(data["options"]["de"], 1)),
        _("Closes: {time}").format(time=closes),
        _("Multiple answers allowed") if data["multiple"] else _("One answer per person"),
        "\n".join([_("Audience:"), *audience_words(audience_of(data))]),
        _("Voters see the results: yes") if data["show"] else _("Voters see the results: no"),
        _("Other languages: {languages}").format(languages=", ".join(added) or "—"),
    ]
    if machine_of(data):
        lines.append(machine_line(machine_of(data)))
    return "\n\n".join(lines)


def preview_keyboard(data: dict[str, Any]) -> InlineKeyboardMarkup:
    """Change a setting, add a language, send or cancel."""
    builder = InlineKeyboardBuilder()
    choice = _("Allow one answer") if data["multiple"] else _("Allow several answers")
    builder.button(text=choice, callback_data=PollWizCb(action="multiple"))
    builder.button(text="👥 " + _("Change audience"), callback_data=PollWizCb(action="audience"))
    show = _("Hide results from voters") if data["show"] else _("Show results to voters")
    builder.button(text=show, callback_data=PollWizCb(action="show"))
    builder.button(text="🌐 " + _("Add a language"), callback_data=PollWizCb(action="languages"))
    builder.button(
        text="✅ " + _("Send poll"), callback_data=PollWizCb(action="send", value=data["id"])
    )
    builder.button(text="✖️ " + _("Cancel"), callback_data=PollWizCb(action="cancel"))
    builder.adjust(1)
    return builder.as_markup()


def closes_keyboard() -> InlineKeyboardMarkup:
    """Quick choices for the closing time."""
    builder = InlineKeyboardBuilder()
    labels = {"1d": _("In 1 day"), "7d": _("In 1 week"), "14d": _("In 2 weeks")}
    for value, label in labels.items():
        builder.button(text=label, callback_data=PollWizCb(action="closes", value=value))
    builder.button(text="✖️ " + _("Cancel"), callback_data=PollWizCb(action="cancel"))
    builder.adjust(3, 1)
    return builder.as_markup()


def languages_keyboard(added: set[str], machine: set[str] | None = None) -> InlineKeyboardMarkup:
    """The nine other languages (✅ added, 🌐 machine-translated), Translate into the missing
    ones (while any is missing), and back to the preview."""
    builder = InlineKeyboardBuilder()
    for code in OTHER_LANGUAGES:
        mark = "🌐 " if code in (machine or set()) else "✅ " if code in added else ""
        builder.button(
            text=mark + language_here(code), callback_data=PollWizCb(action="lang", value=code)
        )
    rows = [3, 3, 3]
    if not set(OTHER_LANGUAGES) <= added:
        builder.button(  # full row
            text=translate_label(), callback_data=PollWizCb(action="translate")
        )
        rows.append(1)
    builder.button(  # full row
        text=_("Back to the preview"), callback_data=PollWizCb(action="preview")
    )
    builder.adjust(*rows, 1)
    return builder.as_markup()


def machine_of(data: dict[str, Any]) -> set[str]:
    """The draft's variants machine translation made (and staff have not replaced)."""
    return set(data.get("machine") or ()) & set(data.get("questions") or ())


def version_text(data: dict[str, Any], code: str) -> str:
    """One language's question and answers as staff review them (with the note, if machine)."""
    question = "<b>" + html.escape(data["questions"][code]) + "</b>"
    answers = "\n".join(f"{n}. {html.escape(o)}" for n, o in enumerate(data["options"][code], 1))
    text = question + "\n" + answers
    return with_note(text, code, code in machine_of(data))
