"""The staff audit log: every staff action with actor, target, time and before/after."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from db.types import UTCDateTime, utcnow


class StaffAudit(Base):
    """One staff action; `actor` is the staff Telegram id (0: the CLI operator, -1: the system)."""

    __tablename__ = "staff_audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor: Mapped[int] = mapped_column(BigInteger, index=True)
    action: Mapped[str] = mapped_column(String(40))  # e.g. staff.add, announcement.cancel
    target: Mapped[str] = mapped_column(String(64))  # e.g. staff:123, campaign:7, idea:I-2026-0001
    before: Mapped[str | None] = mapped_column(Text)  # JSON
    after: Mapped[str | None] = mapped_column(Text)  # JSON
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
