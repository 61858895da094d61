"""Quick polls: one logical poll, its language variants, the native polls sent, votes, groups."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Boolean, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from db.types import EnumString, UTCDateTime, utcnow


class PollStatus(StrEnum):
    """scheduled → open → closed (the values the table stores)."""

    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"


class Poll(Base):
    """One question in up to ten languages; all variants count together."""

    __tablename__ = "polls"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    created_by: Mapped[int] = mapped_column(BigInteger)  # staff Telegram id; 0 = the CLI
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime())
    status: Mapped[PollStatus] = mapped_column(
        EnumString(PollStatus, 10), default=PollStatus.SCHEDULED, index=True
    )
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    multiple: Mapped[bool] = mapped_column(Boolean, default=False)
    show_results: Mapped[bool] = mapped_column(Boolean, default=True)  # to voters, after voting
    push_results: Mapped[bool] = mapped_column(Boolean, default=False)  # to participants, at close
    # When the results went to the voters (at closing or pushed later): they go out once.
    results_pushed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    option_count: Mapped[int] = mapped_column(Integer)
    # Results shown at /public/polls/<id> (cells < 5 hidden) only while true: staff publish them.
    public: Mapped[bool] = mapped_column(Boolean, default=False)
    # JSON: the resident filters of bot.services.audience plus "residents" and "groups" flags.
    audience: Mapped[str] = mapped_column(Text, default="{}")
    # The wizard's draft id: a second "Send" press for the same draft can't create a twin.
    draft_key: Mapped[str | None] = mapped_column(String(64), unique=True)


class PollVariant(Base):
    """The poll in one language; German is required and the fallback."""

    __tablename__ = "poll_variants"

    poll_id: Mapped[int] = mapped_column(
        ForeignKey("polls.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(5), primary_key=True)
    question: Mapped[str] = mapped_column(String(300))
    options: Mapped[str] = mapped_column(Text)  # JSON list of option texts, same order as German
    # Made by machine translation from the German (its readers see a short note).
    machine: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class PollMessage(Base):
    """A native Telegram poll the bot sent for a logical poll (one per chat)."""

    __tablename__ = "poll_messages"

    telegram_poll_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    message_id: Mapped[int] = mapped_column(BigInteger)
    language: Mapped[str] = mapped_column(String(5))
    is_group: Mapped[bool] = mapped_column(Boolean, default=False)
    native_close: Mapped[bool] = mapped_column(Boolean, default=False)  # Telegram closes it
    # Youth groups only: Telegram's anonymous counts per option (JSON list) and voters.
    tally: Mapped[str | None] = mapped_column(Text)
    tally_voters: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class PollVote(Base):
    """One resident's current answer; `voter` is an HMAC of the Telegram id, never the id."""

    __tablename__ = "poll_votes"
    # Covers the results query: SQLite groups 100,000 votes in index order, without sorting.
    # No time of voting and, on SQLite, no rowid: stored in key order, so neither a timestamp
    # nor the order of voting can be matched with rows that name the voter
    # (docs/ARCHITECTURE.md, Polls).
    __table_args__ = (
        Index("ix_poll_votes_segments", "poll_id", "language", "district", "age_group", "choices"),
        {"sqlite_with_rowid": False},
    )

    poll_id: Mapped[int] = mapped_column(
        ForeignKey("polls.id", ondelete="CASCADE"), primary_key=True
    )
    voter: Mapped[str] = mapped_column(String(64), primary_key=True)
    choices: Mapped[int] = mapped_column(Integer)  # bit i set = option i chosen
    # Copied at voting time, for breakdowns (district/age group only with profile consent).
    language: Mapped[str] = mapped_column(String(5))
    district: Mapped[str | None] = mapped_column(String(32))
    age_group: Mapped[str | None] = mapped_column(String(16))


class YouthGroupStatus(StrEnum):
    """Where a youth group's registration stands (the values are what the table stores)."""

    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"
    REMOVED = "removed"  # the bot left or was removed


class YouthGroup(Base):
    """A Telegram group a youth worker registered; approved ones can be a poll audience."""

    __tablename__ = "youth_groups"

    chat_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(String(128))  # the group's name, for staff to decide
    language: Mapped[str] = mapped_column(String(5), default="de")
    # pending → approved | declined; removed when the bot leaves or is removed
    status: Mapped[YouthGroupStatus] = mapped_column(
        EnumString(YouthGroupStatus, 10), default=YouthGroupStatus.PENDING, index=True
    )
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    decided_by: Mapped[int | None] = mapped_column(BigInteger)  # staff Telegram id
