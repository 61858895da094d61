"""Residents' ideas, their supports and reports, the status history, and staff chat topics."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from db.types import EnumString, UTCDateTime, utcnow


class IdeaStatus(StrEnum):
    """Where an idea stands (the values are what the table stores)."""

    SUBMITTED = "submitted"
    IN_REVIEW = "in_review"
    PUBLISHED = "published"
    DECLINED = "declined"
    FORWARDED = "forwarded"
    IMPLEMENTED = "implemented"
    NOT_PURSUED = "not_pursued"
    WITHDRAWN = "withdrawn"


class IdeaActor(StrEnum):
    """Who did something to an idea, in its history."""

    AUTHOR = "author"
    STAFF = "staff"
    SYSTEM = "system"


class Idea(Base):
    """An idea handed in by a resident; `reference` (I-2026-0042) is numbered per year."""

    __tablename__ = "ideas"
    __table_args__ = (UniqueConstraint("year", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    reference: Mapped[str] = mapped_column(String(16), unique=True)
    year: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    # None: the author deleted their data and chose to keep the published idea anonymously.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), index=True
    )
    topic: Mapped[str] = mapped_column(String(32), index=True)
    district: Mapped[str] = mapped_column(String(32), index=True)  # a district code or "city"
    text: Mapped[str] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(5))  # detected; None when unsure
    # submitted → published → forwarded → implemented | not_pursued; declined; withdrawn
    status: Mapped[IdeaStatus] = mapped_column(
        EnumString(IdeaStatus, 16), default=IdeaStatus.SUBMITTED, index=True
    )
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)  # after too many reports
    photos: Mapped[str] = mapped_column(Text, default="[]")  # JSON list of Telegram file_ids
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    staff_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    staff_message_id: Mapped[int | None] = mapped_column(BigInteger)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The hand-in draft's id: a second "Send" press for the same draft can't create a twin.
    draft_key: Mapped[str | None] = mapped_column(String(64), unique=True)
    # The staff card's "Last change" lines as staff last saw them (staff chat's language): who
    # decided is known only at the press (a staff member's Telegram name), and every later edit
    # of the card (its translation arriving, a report hiding it) must show them again.
    staff_note: Mapped[str | None] = mapped_column(Text)


class IdeaSupport(Base):
    """One resident supports one idea (at most once)."""

    __tablename__ = "idea_supports"

    idea_id: Mapped[int] = mapped_column(
        ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class IdeaReport(Base):
    """One resident reported one idea (at most once), with a reason code."""

    __tablename__ = "idea_reports"

    idea_id: Mapped[int] = mapped_column(
        ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    reason: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class IdeaEvent(Base):
    """The audit log: who (author, staff Telegram id, or system) did what, when, before/after."""

    __tablename__ = "idea_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    actor: Mapped[IdeaActor] = mapped_column(EnumString(IdeaActor, 10))
    staff_id: Mapped[int | None] = mapped_column(BigInteger)  # staff Telegram id (staff only)
    action: Mapped[str] = mapped_column(String(16))
    before: Mapped[IdeaStatus | None] = mapped_column(EnumString(IdeaStatus, 16))
    after: Mapped[IdeaStatus | None] = mapped_column(EnumString(IdeaStatus, 16))
    reason: Mapped[str | None] = mapped_column(String(16))  # decline reason code
    comment: Mapped[str | None] = mapped_column(Text)  # staff comment or department
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class StaffTopic(Base):
    """A forum topic the bot created in a staff chat (e.g. "Ideas"), created once."""

    __tablename__ = "staff_topics"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(32), primary_key=True)
    thread_id: Mapped[int] = mapped_column(BigInteger)
