"""Staff use cases on a budget process: create it, move its phase; each audited."""

from __future__ import annotations

import json

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import audit
from bot.services.budget.spec import ProcessSpec
from bot.services.clock import Clock
from db.models import BudgetPhase, BudgetProcess


def target(process_id: int) -> str:
    """The audit log's name for a process."""
    return f"budget:{process_id}"


async def create(session: AsyncSession, clock: Clock, spec: ProcessSpec, *, actor: int) -> int:
    """Store the process (phase draft until its dates or staff move it) and return its id."""
    proposals = spec.proposals or (None, None)
    voting = spec.voting or (None, None)
    process = BudgetProcess(
        title=json.dumps(spec.title, ensure_ascii=False, sort_keys=True),
        district=spec.district, budget=spec.budget, rule=spec.rule, min_age=spec.min_age,
        codes=spec.codes, support_threshold=spec.support_threshold,
        max_projects=spec.max_projects, proposals_from=proposals[0], proposals_to=proposals[1],
        voting_from=voting[0], voting_to=voting[1], phase=BudgetPhase.DRAFT, created_by=actor,
        created_at=clock.now(),
    )  # fmt: skip
    session.add(process)
    await session.flush()
    audit.record(
        session, actor=actor, action=audit.AuditAction.BUDGET_CREATE, target=target(process.id),
        at=clock.now(), after={"title": spec.title.get("de"), "budget": spec.budget,
                               "district": spec.district, "rule": spec.rule.value},
    )  # fmt: skip
    await session.commit()
    return process.id


# The phases in the only order a process may pass them: ballots cast in voting must not be
# reopened to proposals or review, nor a closed vote to voting again.
ORDER = (
    BudgetPhase.DRAFT, BudgetPhase.PROPOSALS, BudgetPhase.REVIEW, BudgetPhase.VOTING,
    BudgetPhase.CLOSED,
)  # fmt: skip


def is_forward(before: BudgetPhase, phase: BudgetPhase) -> bool:
    """Whether `phase` comes after `before` (skipping phases is allowed)."""
    return ORDER.index(phase) > ORDER.index(before)


async def move(
    session: AsyncSession, clock: Clock, process: BudgetProcess, phase: BudgetPhase, *, actor: int
) -> BudgetPhase | None:
    """Set the phase by hand; returns the phase before (unchanged phase: nothing recorded), or
    None for a move backwards, which changes nothing."""
    before = BudgetPhase(process.phase)
    if before == phase:
        return before
    if not is_forward(before, phase):
        return None
    process.phase = phase
    audit.record(
        session, actor=actor, action=audit.AuditAction.BUDGET_PHASE, target=target(process.id),
        at=clock.now(), before=before.value, after=phase.value,
    )  # fmt: skip
    await session.commit()
    return before
