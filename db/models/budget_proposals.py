"""Bürgerhaushalt proposals: what residents hand in while proposals are open, and who supports
them; reviewed by staff into projects of the process (bot/services/budget/proposals.py)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from db.types import UTCDateTime, utcnow


class ProposalStatus(StrEnum):
    """A resident's proposal on its way to the ballot."""

    COLLECTING = "collecting"  # gathering supports while proposals are open
    IN_REVIEW = "in_review"  # reached the process's support_threshold: staff review it
    FEASIBLE = "feasible"  # became a BudgetProject of the process (`project_id`)
    NOT_FEASIBLE = "not_feasible"  # `reason` went to the author
    MERGED = "merged"  # a duplicate of `merged_into`; its supports count there
    TOO_FEW = "too_few"  # proposals closed before it reached the threshold


class BudgetProposal(Base):
    """A resident's proposal, in the author's own words and language; the official cost, title
    and description are staff's and live on the BudgetProject it becomes."""

    __tablename__ = "budget_proposals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    process_id: Mapped[int] = mapped_column(
        ForeignKey("budget_processes.id", ondelete="CASCADE"), index=True
    )
    # Erasing the author erases the proposal (and its supports); a project made from it stays.
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    language: Mapped[str] = mapped_column(String(8))  # the language it was written in
    district: Mapped[str | None] = mapped_column(String(32))  # None: the whole city
    title: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    photo: Mapped[str | None] = mapped_column(String(256))  # Telegram file id
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    cost_idea: Mapped[int | None] = mapped_column(BigInteger)  # the author's guess, whole euros
    status: Mapped[str] = mapped_column(String(16), default=ProposalStatus.COLLECTING, index=True)
    reason: Mapped[str | None] = mapped_column(Text)  # why not feasible, as sent to the author
    merged_into: Mapped[int | None] = mapped_column(
        ForeignKey("budget_proposals.id", ondelete="SET NULL")
    )
    project_id: Mapped[int | None] = mapped_column(
        ForeignKey("budget_projects.id", ondelete="SET NULL")
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class BudgetSupport(Base):
    """One resident supports one proposal (the primary key makes it one support per person)."""

    __tablename__ = "budget_supports"

    proposal_id: Mapped[int] = mapped_column(
        ForeignKey("budget_proposals.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )
