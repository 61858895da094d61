"""Machine translations, cached so the same text never goes to the provider twice."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from db.types import UTCDateTime, utcnow


class Translation(Base):
    """One text translated from `source` into `target` by `provider` (TRANSLATE_PROVIDER).

    `idea_id`: the idea the text belongs to (its text, or a staff comment to its author); the
    row goes with the idea, and so with the person when their ideas are erased.
    """

    __tablename__ = "translations"
    __table_args__ = (UniqueConstraint("text_hash", "source", "target", "provider"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    text_hash: Mapped[str] = mapped_column(String(64))  # SHA-256 hex of the original text
    source: Mapped[str] = mapped_column(String(5))
    target: Mapped[str] = mapped_column(String(5))
    provider: Mapped[str] = mapped_column(String(16))
    translated: Mapped[str] = mapped_column(Text)
    idea_id: Mapped[int | None] = mapped_column(
        ForeignKey("ideas.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class TranslationFailure(Base):
    """An idea's text the provider could not translate into `target` for the staff card: how
    often it failed, when the translation tick tries again; given up after `attempts` reaches
    the limit (bot.services.ideas.card_translation). No text is stored; the row goes with the
    idea."""

    __tablename__ = "translation_failures"

    idea_id: Mapped[int] = mapped_column(
        ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True
    )
    target: Mapped[str] = mapped_column(String(5), primary_key=True)
    provider: Mapped[str] = mapped_column(String(16), primary_key=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_try_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
