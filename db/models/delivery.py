"""Staff, announcement campaigns and the outbox every push message goes through."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum, StrEnum

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    SmallInteger,
    String,
    Text,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from db.types import EnumString, UTCDateTime, utcnow


class CampaignStatus(StrEnum):
    """scheduled → sending → done; or cancelled (the values the table stores)."""

    SCHEDULED = "scheduled"
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


class OutboxStatus(StrEnum):
    """pending → sending → sent | failed | cancelled (the values the table stores)."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"


class OutboxPriority(IntEnum):
    """Which kind of message goes first: reminders beat status notices beat announcements."""

    ANNOUNCEMENT = 0
    NOTICE = 5
    REMINDER = 10


class StaffRole(StrEnum):
    """admin (everything), editor (announcements, content) or moderator (ideas)."""

    ADMIN = "admin"
    EDITOR = "editor"
    MODERATOR = "moderator"


class StaffMember(Base):
    """A city employee with a role: admin, editor (announcements, content) or moderator."""

    __tablename__ = "staff"

    telegram_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    role: Mapped[StaffRole] = mapped_column(EnumString(StaffRole, 16))
    added_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Campaign(Base):
    """An announcement: texts per language, an audience, a schedule and its progress message."""

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_by: Mapped[int] = mapped_column(BigInteger)  # staff Telegram id (staff, not residents)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    send_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    status: Mapped[CampaignStatus] = mapped_column(
        EnumString(CampaignStatus, 12), default=CampaignStatus.SCHEDULED, index=True
    )
    audience: Mapped[str] = mapped_column(Text, default="{}")  # JSON: districts, age_groups, …
    photo: Mapped[str | None] = mapped_column(String(255))  # Telegram file_id
    paid: Mapped[bool] = mapped_column(Boolean, default=False)
    total: Mapped[int] = mapped_column(Integer, default=0)
    progress_chat_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_message_id: Mapped[int | None] = mapped_column(BigInteger)
    progress_language: Mapped[str] = mapped_column(String(5), default="de")
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The wizard's draft id: a second "Send" press for the same draft can't create a twin.
    draft_key: Mapped[str | None] = mapped_column(String(64), unique=True)


class CampaignText(Base):
    """One language version of a campaign (German is required and the fallback)."""

    __tablename__ = "campaign_texts"

    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(5), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    # Made by machine translation from the German (its readers see a short note).
    machine: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class OutboxMessage(Base):
    """One message the bot has promised to send; sent once, after crashes and 429s alike."""

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "status", "priority", "not_before"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    chat_id: Mapped[int] = mapped_column(BigInteger, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    method: Mapped[str] = mapped_column(String(32), default="sendMessage")
    # Either explicit parameters (JSON) or a render reference: campaign + language.
    payload: Mapped[str | None] = mapped_column(Text)
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), index=True
    )
    language: Mapped[str | None] = mapped_column(String(5))
    priority: Mapped[int] = mapped_column(SmallInteger, default=0)
    not_before: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Never sent from this moment on (a meeting reminder once the meeting has started).
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[OutboxStatus] = mapped_column(
        EnumString(OutboxStatus, 10), default=OutboxStatus.PENDING
    )
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    first_failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    error_code: Mapped[int | None] = mapped_column(Integer)
    last_error: Mapped[str | None] = mapped_column(String(200))
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    dedupe_key: Mapped[str] = mapped_column(String(128), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class SenderLease(Base):
    """Which process is the active sender (SQLite; PostgreSQL uses an advisory lock)."""

    __tablename__ = "sender_lease"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    holder: Mapped[str] = mapped_column(String(64))
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())
