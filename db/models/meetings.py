"""Bürgerforen: meetings, registrations (with waiting list), reminders, feedback, subscriptions."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from db.types import EnumString, UTCDateTime, utcnow


class MeetingStatus(StrEnum):
    """Where a meeting stands: draft → published → cancelled (the values the table stores)."""

    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class RegistrationStatus(StrEnum):
    """A resident's seat at a meeting (the values the table stores)."""

    REGISTERED = "registered"
    WAITING = "waiting"
    CANCELLED = "cancelled"


class ReminderKind(StrEnum):
    """Which message a reminder row stands for (the values the table stores)."""

    WEEK = "1w"
    DAY = "1d"
    TWO_HOURS = "2h"
    THREE_DAYS = "3d"  # the district subscribers' reminder
    FEEDBACK = "feedback"  # the question after the meeting


class ReminderStatus(StrEnum):
    """pending → queued (in the outbox) | skipped (too late or not wanted any more)."""

    PENDING = "pending"
    QUEUED = "queued"
    WITHDRAWN = "withdrawn"
    SKIPPED = "skipped"


class Meeting(Base):
    """A citizen forum; texts are JSON {language: text} with German as the fallback."""

    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text, default="{}")
    accessibility: Mapped[str] = mapped_column(Text, default="{}")
    # JSON list: the languages whose texts machine translation made from the German.
    machine_languages: Mapped[str] = mapped_column(Text, default="[]", server_default="[]")
    district: Mapped[str] = mapped_column(String(32), index=True)
    venue: Mapped[str] = mapped_column(String(200))
    address: Mapped[str] = mapped_column(String(300))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    capacity: Mapped[int | None] = mapped_column(Integer)
    # draft → published → cancelled
    status: Mapped[MeetingStatus] = mapped_column(
        EnumString(MeetingStatus, 12), default=MeetingStatus.DRAFT, index=True
    )
    # Raised on every change of time or place: reminders queued for an older one are stale.
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_by: Mapped[int | None] = mapped_column(BigInteger)  # staff Telegram id, 0 = CLI
    # The UID of an imported calendar event, so importing the same file twice adds nothing.
    source_uid: Mapped[str | None] = mapped_column(String(255), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class MeetingRegistration(Base):
    """One resident's place (or waiting position) at one meeting; reminder choice as codes."""

    __tablename__ = "meeting_registrations"
    __table_args__ = (UniqueConstraint("meeting_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    # registered | waiting | cancelled; the waiting list is ordered by `since`, then id.
    status: Mapped[RegistrationStatus] = mapped_column(EnumString(RegistrationStatus, 12))
    remind: Mapped[str] = mapped_column(String(32), default="1d,2h")  # "" = off
    since: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MeetingReminder(Base):
    """A message due at a time: a reminder (1w/1d/2h/3d), or the feedback question after it."""

    __tablename__ = "meeting_reminders"
    __table_args__ = (
        UniqueConstraint("meeting_id", "user_id", "kind", "version"),
        Index("ix_meeting_reminders_due", "status", "due_at"),
    )

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[ReminderKind] = mapped_column(EnumString(ReminderKind, 12))
    version: Mapped[int] = mapped_column(Integer)  # the meeting's version it was planned for
    due_at: Mapped[datetime] = mapped_column(UTCDateTime())
    # pending → queued (in the outbox) | withdrawn | skipped (too late or not wanted any more)
    status: Mapped[ReminderStatus] = mapped_column(
        EnumString(ReminderStatus, 10), default=ReminderStatus.PENDING
    )


class MeetingFeedback(Base):
    """How a meeting was for one resident: 1–5 and an optional comment."""

    __tablename__ = "meeting_feedback"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    rating: Mapped[int] = mapped_column(SmallInteger)
    comment: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MeetingSubscription(Base):
    """'Tell me about new meetings in my district': one district per resident."""

    __tablename__ = "meeting_subscriptions"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    district: Mapped[str] = mapped_column(String(32), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class MeetingOutcome(Base):
    """What came out of a meeting, per language (JSON, German required); no person's data.

    Who wrote, sent or published it is in the audit log, not here."""

    __tablename__ = "meeting_outcomes"

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    texts: Mapped[str] = mapped_column(Text, default="{}")
    # Shown at /public/meetings/<id>/outcome only while true (staff chose to publish it).
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # sent once, then never again
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
