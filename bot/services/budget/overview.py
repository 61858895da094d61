"""What /budget shows staff: each process's phase and counts; moving the phase from the chat."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.budget import processes
from bot.services.budget.notices import Notifier
from bot.services.budget.results import on_ballot
from bot.services.budget.review import close_collecting
from bot.services.clock import Clock
from db.models import (
    BudgetBallot,
    BudgetPhase,
    BudgetProcess,
    BudgetProposal,
    BudgetSupport,
    ProposalStatus,
)


@dataclass(frozen=True)
class Counts:
    """One process as /budget lists it."""

    process: BudgetProcess
    proposals: int
    supports: int
    in_review: int
    projects: int
    ballots: int


async def _count(session: AsyncSession, statement: object) -> int:
    return int(await session.scalar(statement) or 0)  # type: ignore[call-overload]


async def counts(session: AsyncSession, process: BudgetProcess) -> Counts:
    """The process's proposals, supports, proposals waiting for review, projects, ballots."""
    mine = BudgetProposal.process_id == process.id
    proposals = await _count(session, select(func.count()).select_from(BudgetProposal).where(mine))
    supports = await _count(
        session,
        select(func.count()).select_from(BudgetSupport)
        .join(BudgetProposal, BudgetProposal.id == BudgetSupport.proposal_id).where(mine),
    )  # fmt: skip
    in_review = await _count(
        session,
        select(func.count()).select_from(BudgetProposal)
        .where(mine, BudgetProposal.status == ProposalStatus.IN_REVIEW),
    )  # fmt: skip
    ballots = await _count(
        session,
        select(func.count()).select_from(BudgetBallot)
        .where(BudgetBallot.process_id == process.id),
    )  # fmt: skip
    projects = len(await on_ballot(session, process.id))
    return Counts(process, proposals, supports, in_review, projects, ballots)


async def listing(session: AsyncSession) -> list[Counts]:
    """Every process that is not closed, newest first, with its counts."""
    rows = await session.scalars(
        select(BudgetProcess)
        .where(BudgetProcess.phase != BudgetPhase.CLOSED)
        .order_by(BudgetProcess.id.desc())
        .limit(10)
    )
    return [await counts(session, process) for process in rows]


def next_phase(process: BudgetProcess) -> BudgetPhase | None:
    """The phase a press on "Move on" leads to (None once closed)."""
    order = processes.ORDER
    index = order.index(BudgetPhase(process.phase))
    return order[index + 1] if index + 1 < len(order) else None


@dataclass(frozen=True)
class Move:
    """What a move asked for found: the phase the process was in, and whether it moved."""

    before: BudgetPhase
    moved: bool  # False: the same phase (nothing recorded) or a step backwards (refused)


async def move(
    session: AsyncSession, clock: Clock, process_id: int, phase: BudgetPhase, *, actor: int,
    notifier: Notifier,
) -> Move | None:  # fmt: skip
    """Move the process on (audited); leaving proposals stops those short of the threshold and
    tells their authors. The one path for /budget, the scheduler and `budget phase`. None: no
    such process."""
    process = await session.get(BudgetProcess, process_id)
    if process is None:
        return None
    before = BudgetPhase(process.phase)
    if not processes.is_forward(before, phase):
        return Move(before, moved=False)
    if processes.is_forward(BudgetPhase.PROPOSALS, phase):
        await close_collecting(session, clock, process.id, notifier)
    await processes.move(session, clock, process, phase, actor=actor)
    return Move(before, moved=True)
