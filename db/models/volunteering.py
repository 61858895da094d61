"""Ehrenamt: organisations, their volunteering opportunities, residents' interest, relays.

Texts a resident reads are JSON {language: text} with German required (the fallback).
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from db.types import UTCDateTime, utcnow


class VolunteerOrgStatus(StrEnum):
    """Whether an organisation can publish (the values are what the table stores)."""

    ACTIVE = "active"
    REMOVED = "removed"


class OpportunityKind(StrEnum):
    """A one-off help (a date) or a regular commitment (hours per week)."""

    ONCE = "once"
    REGULAR = "regular"


class OpportunityStatus(StrEnum):
    """Open opportunities are listed; closed ones take no more interest."""

    OPEN = "open"
    CLOSED = "closed"


class RelayStatus(StrEnum):
    """A conversation between a resident and an organisation through the bot."""

    OPEN = "open"
    ENDED = "ended"


class VolunteerOrg(Base):
    """An organisation staff registered; its inbox is its own group or else the staff chat."""

    __tablename__ = "volunteer_orgs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="{}")
    website: Mapped[str | None] = mapped_column(String(300))
    contact: Mapped[str | None] = mapped_column(String(300))  # for the public, e.g. an e-mail
    # The organisation's approved Telegram group (negative id); None: the staff chat.
    inbox_chat_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    status: Mapped[str] = mapped_column(String(10), default=VolunteerOrgStatus.ACTIVE, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class VolunteerOpportunity(Base):
    """One way to help; `district` is a profile district or "city" for the whole city."""

    __tablename__ = "volunteer_opportunities"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    org_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer_orgs.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="{}")
    district: Mapped[str] = mapped_column(String(32), index=True)
    kind: Mapped[str] = mapped_column(String(10), default=OpportunityKind.REGULAR)
    when_text: Mapped[str] = mapped_column(Text, default="{}")  # "Saturdays 10–14", per language
    starts_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # a one-off's date
    hours_per_week: Mapped[float | None] = mapped_column(Float)
    team_languages: Mapped[str] = mapped_column(String(64), default="de")  # "de,tr,ar"
    min_age: Mapped[int | None] = mapped_column(SmallInteger)
    accessibility: Mapped[str] = mapped_column(Text, default="{}")
    topics: Mapped[str] = mapped_column(String(200), default="")  # profile topic codes, "a,b"
    places: Mapped[int | None] = mapped_column(Integer)
    valid_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(10), default=OpportunityStatus.OPEN, index=True)
    created_by: Mapped[int] = mapped_column(BigInteger, default=0)  # staff Telegram id, 0 = CLI
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class VolunteerInterest(Base):
    """A resident's "I'm interested": what they wrote, whether they shared their contact.

    The organisation sees only `tag`, never the resident's Telegram id unless shared."""

    __tablename__ = "volunteer_interests"
    __table_args__ = (UniqueConstraint("opportunity_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    opportunity_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer_opportunities.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    message: Mapped[str] = mapped_column(Text, default="")
    share_contact: Mapped[bool] = mapped_column(Boolean, default=False)
    tag: Mapped[str] = mapped_column(String(16), unique=True)  # e.g. "V7K2QF", pseudonymous
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Where the sender posted the card (the inbox's chat and message): erasure removes it there.
    card_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    card_message_id: Mapped[int | None] = mapped_column(BigInteger)


class VolunteerRelay(Base):
    """The state of one interest's conversation; relayed texts themselves are not kept."""

    __tablename__ = "volunteer_relays"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    interest_id: Mapped[int] = mapped_column(
        ForeignKey("volunteer_interests.id", ondelete="CASCADE"), unique=True
    )
    status: Mapped[str] = mapped_column(String(10), default=RelayStatus.OPEN)
    # Rate limit per conversation: messages relayed since window_started_at.
    window_started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    window_count: Mapped[int] = mapped_column(Integer, default=0)
    relayed: Mapped[int] = mapped_column(Integer, default=0)  # a count, for dedupe keys
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class VolunteerAlert(Base):
    """'Tell me about new volunteering opportunities': a resident's opt-in (Settings).

    Which ones match is read from the profile (district, topics) and the languages the
    resident reads when an opportunity is published; nothing else is stored."""

    __tablename__ = "volunteer_alerts"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
