"""Opportunities: their input, the texts per language, and what a resident sees in which order.

Checking staff input: `checks`; publishing and closing: `publishing`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.clock import Clock
from bot.services.profile import DISTRICTS
from db.models import (
    OpportunityKind,
    OpportunityStatus,
    VolunteerOpportunity,
    VolunteerOrg,
    VolunteerOrgStatus,
)

CITY = "city"  # the whole city instead of one district
PLACES = (*(d for d in DISTRICTS if d not in ("outside", "undisclosed")), CITY)
TITLE_MAX = 120
TEXT_MAX = 1500  # a card with every field stays well within Telegram's 4,096


class VolunteerError(ValueError):
    """Input staff must correct; `field` names the part, the message is one line."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name


@dataclass(frozen=True)
class OpportunityInput:
    """An opportunity as staff describe it; texts are {language: text}, German required."""

    org_id: int
    title: dict[str, str]
    district: str
    kind: OpportunityKind
    description: dict[str, str] = field(default_factory=dict)
    when: dict[str, str] = field(default_factory=dict)
    starts_at: datetime | None = None
    hours_per_week: float | None = None
    team_languages: tuple[str, ...] = ("de",)
    min_age: int | None = None
    accessibility: dict[str, str] = field(default_factory=dict)
    topics: tuple[str, ...] = ()
    places: int | None = None
    valid_until: datetime | None = None


@dataclass(frozen=True)
class Filters:
    """What a resident narrowed the list to; empty values mean "any"."""

    district: str = ""
    kind: str = ""
    my_language: bool = False
    topic: str = ""


def text_of(texts: str, language: str) -> str:
    """One language's text of a JSON text field, German as the fallback."""
    stored: dict[str, str] = json.loads(texts or "{}")
    return stored.get(language) or stored.get("de") or ""


def languages_of(opportunity: VolunteerOpportunity) -> list[str]:
    """The languages spoken in the team, as codes."""
    return [code for code in opportunity.team_languages.split(",") if code]


def topics_of(opportunity: VolunteerOpportunity) -> list[str]:
    """The opportunity's topics, as profile topic codes."""
    return [code for code in opportunity.topics.split(",") if code]


def _current(now: datetime) -> tuple[ColumnElement[bool], ...]:
    """Open, of an active organisation, not past its date or its end of validity."""
    return (
        VolunteerOpportunity.status == OpportunityStatus.OPEN,
        VolunteerOrg.status == VolunteerOrgStatus.ACTIVE,
        or_(VolunteerOpportunity.valid_until.is_(None), VolunteerOpportunity.valid_until > now),
        or_(VolunteerOpportunity.starts_at.is_(None), VolunteerOpportunity.starts_at > now),
    )


async def visible(
    session: AsyncSession, clock: Clock, opportunity_id: int
) -> tuple[VolunteerOpportunity, VolunteerOrg] | None:
    """An opportunity a resident may see and answer, with its organisation; else None."""
    query = (
        select(VolunteerOpportunity, VolunteerOrg)
        .join(VolunteerOrg, VolunteerOrg.id == VolunteerOpportunity.org_id)
        .where(VolunteerOpportunity.id == opportunity_id, *_current(clock.now()))
    )
    row = (await session.execute(query)).first()
    return (row[0], row[1]) if row is not None else None


async def for_resident(
    session: AsyncSession, clock: Clock, *, district: str | None, languages: set[str],
    filters: Filters,
) -> list[tuple[VolunteerOpportunity, VolunteerOrg]]:  # fmt: skip
    """Current opportunities: own district (then whole city), then own languages, first."""
    query = (
        select(VolunteerOpportunity, VolunteerOrg)
        .join(VolunteerOrg, VolunteerOrg.id == VolunteerOpportunity.org_id)
        .where(*_current(clock.now()))
    )
    if filters.district:
        places = (filters.district, CITY) if filters.district != CITY else (CITY,)
        query = query.where(VolunteerOpportunity.district.in_(places))
    if filters.kind:
        query = query.where(VolunteerOpportunity.kind == filters.kind)
    rows = [(row[0], row[1]) for row in (await session.execute(query)).all()]
    if filters.my_language:
        rows = [r for r in rows if languages & set(languages_of(r[0]))]
    if filters.topic:
        rows = [r for r in rows if filters.topic in topics_of(r[0])]

    def rank(row: tuple[VolunteerOpportunity, VolunteerOrg]) -> tuple[int, int, int]:
        opportunity = row[0]
        place = 0 if opportunity.district == district else 1 if opportunity.district == CITY else 2
        spoken = 0 if languages & set(languages_of(opportunity)) else 1
        return place, spoken, opportunity.id

    return sorted(rows, key=rank)


async def all_of(session: AsyncSession) -> list[tuple[VolunteerOpportunity, VolunteerOrg]]:
    """Every opportunity with its organisation, newest first (for staff)."""
    query = (
        select(VolunteerOpportunity, VolunteerOrg)
        .join(VolunteerOrg, VolunteerOrg.id == VolunteerOpportunity.org_id)
        .order_by(VolunteerOpportunity.id.desc())
    )
    return [(row[0], row[1]) for row in (await session.execute(query)).all()]
