"""opportunity.yaml: what staff write for `stadtstimme volunteer add --file`.

organisation: 1                 # its id (`stadtstimme volunteer orgs list`)
title: {de: Lesepatin, tr: Okuma ablası}   # or just a German text
description: {de: …}
district: hamborn               # or city
kind: regular                   # or once
when: {de: dienstags 15–17 Uhr}
date: 2027-03-06 10:00          # a one-off's date (Europe/Berlin); past → not listed
hours_per_week: 2
languages: [de, tr, ar]         # spoken in the team
min_age: 16
accessibility: {de: Stufenloser Zugang}
topics: [education, integration]
places: 4
valid_until: 2027-06-30
"""

from __future__ import annotations

from datetime import date, datetime, time, tzinfo
from typing import Any

import yaml

from bot.services.volunteering.opportunities import OpportunityInput, VolunteerError
from db.models import OpportunityKind

KNOWN = {
    "organisation", "title", "description", "district", "kind", "when", "date",
    "hours_per_week", "languages", "min_age", "accessibility", "topics", "places", "valid_until",
}  # fmt: skip


def _texts(data: dict[str, Any], name: str) -> dict[str, str]:
    value = data.get(name)
    if value is None:
        return {}
    if isinstance(value, str):
        return {"de": value}
    if isinstance(value, dict) and all(isinstance(v, str) for v in value.values()):
        return {str(k): v for k, v in value.items()}
    raise VolunteerError(name, f"{name}: a text, or texts by language ({{de: …, tr: …}})")


def _moment(data: dict[str, Any], name: str, zone: tzinfo) -> datetime | None:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            raise VolunteerError(
                name, f"{name}: a date like 2027-03-06 or 2027-03-06 10:00"
            ) from None
    if isinstance(value, datetime):
        return value.replace(tzinfo=zone) if value.tzinfo is None else value
    if isinstance(value, date):
        # A day without a time: valid until its end, a one-off at its start.
        moment = time(23, 59) if name == "valid_until" else time(0, 0)
        return datetime.combine(value, moment, tzinfo=zone)
    raise VolunteerError(name, f"{name}: a date like 2027-03-06")


def _number(data: dict[str, Any], name: str, kind: type) -> Any:
    value = data.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise VolunteerError(name, f"{name}: a number")
    if kind is int and not float(value).is_integer():
        raise VolunteerError(name, f"{name}: a whole number")
    return kind(value)


def _codes(data: dict[str, Any], name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = data.get(name)
    if value is None:
        return default
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",")]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise VolunteerError(name, f"{name}: a list such as [de, tr]")
    return tuple(v.strip().lower() for v in value if v.strip())


def from_yaml(text: str, zone: tzinfo) -> OpportunityInput:
    """Read an opportunity.yaml; VolunteerError names the first thing to correct."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise VolunteerError("file", f"not valid YAML{where}") from None
    if not isinstance(data, dict):
        raise VolunteerError("file", "expected fields such as title:, district:, kind:")
    unknown = sorted(str(key) for key in data if key not in KNOWN)
    if unknown:
        raise VolunteerError("file", f"unknown field {unknown[0]!r}")
    org = data.get("organisation")
    if isinstance(org, bool) or not isinstance(org, int):
        raise VolunteerError("organisation", "organisation: the organisation's id (a number)")
    try:
        kind = OpportunityKind(str(data.get("kind", "regular")).strip().lower())
    except ValueError:
        raise VolunteerError("kind", "kind: once or regular") from None
    return OpportunityInput(
        org_id=org, title=_texts(data, "title"), kind=kind,
        district=str(data.get("district", "")).strip().lower(),
        description=_texts(data, "description"), when=_texts(data, "when"),
        starts_at=_moment(data, "date", zone),
        hours_per_week=_number(data, "hours_per_week", float),
        team_languages=_codes(data, "languages", ("de",)), min_age=_number(data, "min_age", int),
        accessibility=_texts(data, "accessibility"), topics=_codes(data, "topics", ()),
        places=_number(data, "places", int), valid_until=_moment(data, "valid_until", zone),
    )  # fmt: skip
