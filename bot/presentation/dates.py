"""Dates and times as people read them: Babel's patterns for their language, in the city's zone.

Stored moments are UTC (a naive one is UTC too); every screen shows local time (Europe/Berlin
unless TIMEZONE says otherwise). The one place that formats a moment for a reader.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo
from typing import Literal

from aiogram.utils.i18n import get_i18n
from babel.dates import format_date, format_time, get_datetime_format

Width = Literal["short", "medium", "long", "full"]  # Babel's names


def when(
    moment: datetime,
    zone: tzinfo,
    language: str | None = None,
    *,
    date: Width = "medium",
    time: Width = "short",
    glue: str | None = None,
) -> str:
    """A date and time in `language` (default: the current locale) and `zone`.

    `date` and `time` are Babel's widths (short, medium, long, full); `glue` joins them as
    "{date}…{time}", by default with Babel's own pattern for the date's width, as
    `format_datetime` does ("07.12.2026, 18:00").
    """
    locale = language or get_i18n().current_locale
    local = (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(zone)
    date_text = format_date(local, date, locale=locale)
    time_text = format_time(local, time, locale=locale)
    if glue is None:
        pattern = str(get_datetime_format(date, locale=locale)).replace("'", "")
        return pattern.replace("{0}", time_text).replace("{1}", date_text)
    return glue.format(date=date_text, time=time_text)


def time_of_day(moment: datetime, zone: tzinfo, language: str | None = None) -> str:
    """Only the (short) time, e.g. a meeting's end after its start."""
    locale = language or get_i18n().current_locale
    return format_time(moment.astimezone(zone), "short", locale=locale)
