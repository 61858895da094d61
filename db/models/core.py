"""Residents, their topics, information pages, processed updates, conversation state, the
erasure log."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from db.types import UTCDateTime, utcnow


class User(Base):
    """A resident who talked to the bot in a private chat."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    # Explicit choice only; until then the language follows Telegram's language_code.
    language: Mapped[str | None] = mapped_column(String(5))
    district: Mapped[str | None] = mapped_column(String(32))
    age_group: Mapped[str | None] = mapped_column(String(16))
    profile_consent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    privacy_version: Mapped[int] = mapped_column(Integer, default=0)
    onboarded: Mapped[bool] = mapped_column(Boolean, default=False)
    # Languages already offered after free text, comma-separated, so each is offered once.
    language_offers: Mapped[str] = mapped_column(String(64), default="")
    # Telegram's language (base form, only if one of ours), for messages sent outside a chat.
    telegram_language: Mapped[str | None] = mapped_column(String(5))
    # Announcements on/off (/stop); False after Telegram said the bot is blocked.
    announcements: Mapped[bool] = mapped_column(Boolean, default=True)
    reachable: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    # When the "your data will be deleted" warning went out; cleared by any new activity.
    retention_warned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class UserTopic(Base):
    """A topic a resident is interested in (optional profile)."""

    __tablename__ = "user_topics"

    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    topic: Mapped[str] = mapped_column(String(32), primary_key=True)


class InfoPage(Base):
    """One information page in one language; German is the fallback."""

    __tablename__ = "info_pages"
    __table_args__ = (UniqueConstraint("slug", "language"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(64), index=True)
    language: Mapped[str] = mapped_column(String(5))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=100)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Made by machine translation from the German (its readers see a short note).
    machine: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ProcessedUpdate(Base):
    """An update already handled, so a redelivered one is skipped (pruned after a day)."""

    __tablename__ = "processed_updates"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class FsmRecord(Base):
    """Conversation state and draft data of one chat, shared between processes."""

    __tablename__ = "fsm_states"

    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    state: Mapped[str | None] = mapped_column(String(255))
    data: Mapped[str] = mapped_column(Text, default="{}")
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class ErasureLog(Base):
    """An erasure done: a keyed hash of the Telegram id and when, nothing else, so a restored
    backup can have it repeated (bot/services/personal_data/erasure_log.py)."""

    __tablename__ = "erasure_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_hash: Mapped[str] = mapped_column(String(64), index=True)
    erased_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
