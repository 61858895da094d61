"""Texts of the meetings feature: its dates (bot.presentation.dates), the card, the notices."""

from __future__ import annotations

from datetime import datetime, tzinfo
from html import escape
from typing import Any

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.i18n import RTL_LANGUAGES
from bot.keyboards.ideas import place_label
from bot.keyboards.meetings import open_keyboard, rating_keyboard
from bot.presentation.dates import time_of_day, when
from bot.presentation.machine_note import note_line
from bot.services.bidi import LINES_MAX, isolate, right_to_left
from bot.services.locale import content_language
from bot.services.meetings.lifecycle import machine_made, text_of
from bot.services.meetings.registration import Seat
from bot.services.meetings.renderer import MeetingNotice, NoticeRenderer
from bot.services.text_length import clip, utf16_len
from db.models import Meeting, RegistrationStatus

LABEL_MAX = 60


def full_when(moment: datetime, language: str, zone: tzinfo) -> str:
    """'Donnerstag, 3. Dezember 2026, 18:00' / '3 Aralık 2026 Perşembe 18:00' in local time."""
    # Translators: how a date and a time go together, e.g. "Thursday, 3 December 2026, 18:00".
    return when(moment, zone, language, date="full", glue=_("{date}, {time}"))


def list_label(meeting: Meeting, language: str, zone: tzinfo) -> str:
    """A list button: date and title (Telegram shows buttons as plain text, at most 60 here).

    For right-to-left readers the (often German) title is isolated, cut before the marks."""
    title = text_of(meeting.title, language)
    start = f"{when(meeting.starts_at, zone, language, glue='{date} {time}')} · "
    if language not in RTL_LANGUAGES:
        return clip(start + title, LABEL_MAX)
    return start + isolate(clip(" ".join(title.split()), LABEL_MAX - utf16_len(start) - 2))


def staff_text(value: str, language: str) -> str:
    """What staff typed (often German), escaped; isolated for right-to-left readers."""
    text = escape(value)
    return isolate(text, LINES_MAX) if language in RTL_LANGUAGES else text


def laid_out(text: str, language: str) -> str:
    """A message for the reader: every line right-to-left for right-to-left languages."""
    return right_to_left(text) if language in RTL_LANGUAGES else text


def facts(meeting: Meeting, language: str, zone: tzinfo) -> list[str]:
    """Title, time and place: what every message about a meeting repeats."""
    end = time_of_day(meeting.ends_at, zone, language)
    place = staff_text(f"{meeting.venue}, {meeting.address}", language)
    return [
        f"<b>{staff_text(text_of(meeting.title, language), language)}</b>",
        f"🗓 {escape(full_when(meeting.starts_at, language, zone))} – {escape(end)}",
        f"📍 {place}",
    ]


def card_text(meeting: Meeting, seat: Seat, language: str, zone: tzinfo) -> str:
    """The full card: facts, district, accessibility, places, description, own status.

    For Arabic readers it reads right-to-left even where a field falls back to German."""
    lines = facts(meeting, language, zone)
    lines.append("🏘 " + escape(place_label(meeting.district)))
    accessibility = text_of(meeting.accessibility, language)
    if accessibility:
        lines.append("♿ " + staff_text(accessibility, language))
    if seat.free is not None:
        places = _("Free places: {count}").format(count=seat.free)
        lines.append("👥 " + (places if seat.free else _("Fully booked – waiting list open")))
    description = text_of(meeting.description, language)
    if description:
        lines += ["", staff_text(description, language)]
    if seat.status == RegistrationStatus.REGISTERED:
        lines += ["", "✅ " + _("You are registered.")]
    elif seat.status == RegistrationStatus.WAITING:
        lines += ["", "⏳ " + _("You are on the waiting list.")]
    return laid_out(noted("\n".join(lines), meeting, language), language)


def noted(text: str, meeting: Meeting, language: str) -> str:
    """The text with the machine-translated note when the reader gets machine-made texts."""
    if not machine_made(meeting, content_language(language)):
        return text
    return text + "\n\n<i>" + escape(note_line()) + "</i>"


def _notice(event: MeetingNotice, meeting: Meeting, language: str, old: dict[str, Any] | None,
            zone: tzinfo) -> dict[str, Any]:  # fmt: skip
    about = "\n".join(facts(meeting, language, zone))
    markup: Any = open_keyboard(meeting.id)
    if event == MeetingNotice.REMINDER:
        text = "⏰ " + _("Reminder: you are registered for this meeting.") + "\n\n" + about
    elif event == MeetingNotice.FEEDBACK:
        title = staff_text(text_of(meeting.title, language), language)
        text = _("How was <b>{title}</b>? Please rate it from 1 to 5.").format(title=title)
        markup = rating_keyboard(meeting.id)
    elif event == MeetingNotice.PROMOTED:
        text = "🎉 " + _("A place has become free for you – you are registered now.") + "\n\n"
        text += about
        markup = open_keyboard(meeting.id, give_back=True)
    elif event == MeetingNotice.PUBLISHED:
        text = "📢 " + _("New meeting in your district:") + "\n\n" + about
    elif event == MeetingNotice.CANCELLED:
        text = "❌ " + _("This meeting has been cancelled. We are sorry.") + "\n\n" + about
        markup = None
    else:  # changed
        assert old is not None
        place = staff_text(f"{old['venue']}, {old['address']}", language)
        before = f"{escape(full_when(old['starts_at'], language, zone))}, {place}"
        text = "⚠️ " + _("This meeting has changed. Before: {before}").format(before=before)
        text += "\n\n" + _("Now:") + "\n" + about
    params: dict[str, Any] = {"text": laid_out(noted(text, meeting, language), language)}
    if markup is not None:
        params["reply_markup"] = markup.model_dump(exclude_none=True)
    return params


def notice_renderer(i18n: I18n, zone: tzinfo) -> NoticeRenderer:
    """The renderer services use to write push messages in each person's language."""

    def render(
        event: MeetingNotice, meeting: Meeting, language: str, old: dict[str, Any] | None
    ) -> dict:
        with i18n.context(), i18n.use_locale(language):
            return _notice(event, meeting, language, old, zone)

    return render
