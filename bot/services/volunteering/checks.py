"""Staff input for an opportunity: the first thing to correct, as one line."""

from __future__ import annotations

from datetime import datetime

from bot.config import LANGUAGES
from bot.services.profile import TOPICS
from bot.services.text_length import utf16_len
from bot.services.volunteering.opportunities import (
    PLACES,
    TEXT_MAX,
    TITLE_MAX,
    OpportunityInput,
    VolunteerError,
)
from db.models import OpportunityKind


def _texts(name: str, texts: dict[str, str], limit: int, *, required: bool) -> None:
    if required and not texts.get("de", "").strip():
        raise VolunteerError(name, f"{name}: a German text (de) is required")
    for language, text in texts.items():
        if language not in LANGUAGES:
            raise VolunteerError(name, f"{name}: unknown language {language!r}")
        if utf16_len(text) > limit:
            raise VolunteerError(name, f"{name} ({language}): at most {limit} characters")


def check(data: OpportunityInput, now: datetime) -> None:
    """Raise VolunteerError for the first thing staff must correct."""
    _texts("title", data.title, TITLE_MAX, required=True)
    for name, texts in (("description", data.description), ("when", data.when)):
        _texts(name, texts, TEXT_MAX, required=False)
    _texts("accessibility", data.accessibility, TEXT_MAX, required=False)
    if data.district not in PLACES:
        raise VolunteerError("district", f"district: unknown {data.district!r}")
    unknown = [code for code in data.team_languages if code not in LANGUAGES]
    if unknown or not data.team_languages:
        raise VolunteerError("languages", f"languages: unknown or none {unknown}")
    if [code for code in data.topics if code not in TOPICS]:
        raise VolunteerError("topics", f"topics: each one of {', '.join(TOPICS)}")
    numbers = (("hours_per_week", data.hours_per_week, 80), ("min_age", data.min_age, 99))
    for name, value, most in (*numbers, ("places", data.places, 100_000)):
        if value is not None and not 0 < value <= most:
            raise VolunteerError(name, f"{name}: between 1 and {most}")
    for name, moment in (("date", data.starts_at), ("valid_until", data.valid_until)):
        if moment is not None and moment <= now:
            raise VolunteerError(name, f"{name}: must be in the future")
    if data.kind == OpportunityKind.ONCE and data.starts_at is None and not data.when:
        raise VolunteerError("date", "date: a one-off opportunity needs a date or a when text")
