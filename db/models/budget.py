"""Bürgerhaushalt: budget processes, their projects, ballots and one-time voting codes."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from db.models.base import Base
from db.types import UTCDateTime, utcnow


class BudgetPhase(StrEnum):
    """Where a process stands; dates move it forward, staff can move it by hand."""

    DRAFT = "draft"  # created, proposals not yet open
    PROPOSALS = "proposals"
    REVIEW = "review"
    VOTING = "voting"
    CLOSED = "closed"


class BudgetRule(StrEnum):
    """How the results are computed; fixed before voting opens (bot/services/budget/)."""

    MES = "mes"  # Method of Equal Shares, cost satisfaction, Add1, then greedy
    GREEDY = "greedy"  # most votes first, skipping what no longer fits


class ProjectStatus(StrEnum):
    """A proposal's way through review, and a funded project's implementation."""

    PROPOSED = "proposed"  # handed in by a resident, not reviewed yet
    FEASIBLE = "feasible"  # on the ballot, with an official cost
    NOT_FEASIBLE = "not_feasible"
    MERGED = "merged"  # a duplicate folded into another project
    PLANNED = "planned"  # funded; implementation statuses follow
    IN_PROGRESS = "in_progress"
    DONE = "done"


# The statuses a project on the ballot can have (funded ones keep their votes).
ON_BALLOT = (
    ProjectStatus.FEASIBLE,
    ProjectStatus.PLANNED,
    ProjectStatus.IN_PROGRESS,
    ProjectStatus.DONE,
)


class BallotSource(StrEnum):
    """Where a ballot came from; both count with the same weight."""

    CHAT = "chat"
    PAPER = "paper"


class BudgetProcess(Base):
    """One budget for the city or one Stadtbezirk; several may run at once."""

    __tablename__ = "budget_processes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    title: Mapped[str] = mapped_column(Text)  # JSON {language: title}; German required
    district: Mapped[str | None] = mapped_column(String(32), index=True)  # None: the whole city
    budget: Mapped[int] = mapped_column(BigInteger)  # whole euros
    rule: Mapped[str] = mapped_column(String(8), default=BudgetRule.MES)
    min_age: Mapped[int | None] = mapped_column(Integer)
    codes: Mapped[bool] = mapped_column(Boolean, default=False)  # a voting code is required
    support_threshold: Mapped[int] = mapped_column(Integer, default=0)  # 0: every proposal
    max_projects: Mapped[int | None] = mapped_column(Integer)
    proposals_from: Mapped[datetime | None] = mapped_column(UTCDateTime())
    proposals_to: Mapped[datetime | None] = mapped_column(UTCDateTime())
    voting_from: Mapped[datetime | None] = mapped_column(UTCDateTime())
    voting_to: Mapped[datetime | None] = mapped_column(UTCDateTime())
    phase: Mapped[str] = mapped_column(String(16), default=BudgetPhase.DRAFT, index=True)
    created_by: Mapped[int] = mapped_column(BigInteger)  # staff Telegram id; 0 = the CLI
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # The results as computed once when voting closed (JSON: funded codes, votes, explanations);
    # None until then. Setting it is what makes the closing happen once.
    results: Mapped[str | None] = mapped_column(Text)


class BudgetProject(Base):
    """A proposal or a project on the ballot; `code` (e.g. H-07) is what paper ballots name."""

    __tablename__ = "budget_projects"
    __table_args__ = (UniqueConstraint("process_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    process_id: Mapped[int] = mapped_column(
        ForeignKey("budget_processes.id", ondelete="CASCADE"), index=True
    )
    code: Mapped[str] = mapped_column(String(16))
    cost: Mapped[int | None] = mapped_column(BigInteger)  # official cost, whole euros
    district: Mapped[str | None] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)  # JSON {language: title}; German required
    description: Mapped[str] = mapped_column(Text, default="{}")  # JSON {language: text}
    status: Mapped[str] = mapped_column(String(16), default=ProjectStatus.FEASIBLE, index=True)
    # The resident who proposed it; None for projects staff added. Erasing the person keeps a
    # reviewed project (it belongs to the process now) without the link.
    user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class BudgetBallot(Base):
    """One voter's current ballot; a new one replaces it (the last ballot counts).

    `voter` is an HMAC of process and Telegram id (as poll votes), or "paper:<ballot number>"
    for a paper ballot. No time of voting and, on SQLite, no rowid, like poll votes: the order
    of voting cannot be matched with rows that name a person.
    """

    __tablename__ = "budget_ballots"
    __table_args__ = ({"sqlite_with_rowid": False},)

    process_id: Mapped[int] = mapped_column(
        ForeignKey("budget_processes.id", ondelete="CASCADE"), primary_key=True
    )
    voter: Mapped[str] = mapped_column(String(64), primary_key=True)
    projects: Mapped[str] = mapped_column(Text)  # JSON list of budget_projects.id, ascending
    source: Mapped[str] = mapped_column(String(8), default=BallotSource.CHAT)


class BudgetCode(Base):
    """A one-time voting code, stored as its SHA-256 (`digest`); `used` once it opened a ballot.

    Nothing links a code to the ballot it opened: the city knows whom it sent which code.
    """

    __tablename__ = "budget_codes"
    __table_args__ = ({"sqlite_with_rowid": False},)

    process_id: Mapped[int] = mapped_column(
        ForeignKey("budget_processes.id", ondelete="CASCADE"), primary_key=True
    )
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    used: Mapped[bool] = mapped_column(Boolean, default=False)


class BudgetUpdate(Base):
    """A funded project's implementation news: its new status and a text per language."""

    __tablename__ = "budget_updates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    project_id: Mapped[int] = mapped_column(
        ForeignKey("budget_projects.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)  # JSON {language: text}; German required
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
