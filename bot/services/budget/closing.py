"""Dates move a process's phases (the scheduler's tick); when voting closes, the results are
computed once, kept with the process, and queued for its voters and district subscribers."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot import outbox
from bot.services import audit
from bot.services.budget import audience, overview, processes
from bot.services.budget.chart import BUDGET_CHART
from bot.services.budget.notices import Notifier
from bot.services.budget.results import Computed, count
from bot.services.clock import Clock
from db.models import BudgetPhase, BudgetProcess, ProjectStatus

# The results message in a language (the caller owns the catalogs and the screens).
ResultsRenderer = Callable[[str, Computed], str]


def due_phase(process: BudgetProcess, now: datetime) -> BudgetPhase:
    """The phase the dates call for now; never one behind the current phase (staff may have
    moved it ahead by hand)."""
    phase = BudgetPhase(process.phase)
    steps = (
        (process.proposals_from, BudgetPhase.PROPOSALS),
        (process.proposals_to, BudgetPhase.REVIEW),
        (process.voting_from, BudgetPhase.VOTING),
        (process.voting_to, BudgetPhase.CLOSED),
    )
    for moment, target in steps:
        if moment is not None and moment <= now and processes.is_forward(phase, target):
            phase = target
    return phase


def stored_results(computed: Computed) -> str:
    """What the process keeps of its results (JSON)."""
    result = computed.result
    return json.dumps(
        {
            "rule": result.rule.value, "ballots": result.ballots, "funded": list(result.funded),
            "votes": result.votes,
            "explanations": {
                code: [why.reason.value, why.euros] for code, why in result.explanations.items()
            },
        },
        sort_keys=True,
    )  # fmt: skip


async def finalize(
    session: AsyncSession, clock: Clock, secret: bytes, process: BudgetProcess,
    render: ResultsRenderer, default_language: str,
) -> int:  # fmt: skip
    """Count a closed process once: keep the results, mark funded projects planned, queue the
    results for voters and subscribers, all in one transaction. Returns how many were queued;
    0 when another tick got there first."""
    computed = await count(session, process)
    kept = await session.execute(
        update(BudgetProcess)
        .where(BudgetProcess.id == process.id, BudgetProcess.results.is_(None))
        .values(results=stored_results(computed))
        .execution_options(synchronize_session=False)
    )
    if not getattr(kept, "rowcount", 0):
        await session.rollback()
        return 0
    funded = set(computed.result.funded)
    for project in computed.projects:
        if project.code in funded and project.status == ProjectStatus.FEASIBLE:
            project.status = ProjectStatus.PLANNED
    voters = await audience.chat_voters(session, secret, process.id, default_language)
    recipients = {r.user_id: r for r in voters}
    for subscriber in await audience.subscribers(session, process, default_language):
        recipients.setdefault(subscriber.user_id, subscriber)
    texts: dict[str, str] = {}
    now = clock.now()
    for recipient in recipients.values():
        if recipient.language not in texts:
            texts[recipient.language] = render(recipient.language, computed)
        await outbox.enqueue(
            session, chat_id=recipient.chat_id, user_id=recipient.user_id, method="sendMessage",
            params={"text": texts[recipient.language]}, now=now, priority=outbox.NOTICE,
            dedupe_key=f"{audience.RESULTS_PREFIX}{process.id}:{recipient.user_id}",
            language=recipient.language,
        )  # fmt: skip
        # Then the chart: drawn by the sender in the row's language (bot.delivery.render).
        await outbox.enqueue(
            session, chat_id=recipient.chat_id, user_id=recipient.user_id, method="sendPhoto",
            params={BUDGET_CHART: process.id}, now=now, priority=outbox.NOTICE,
            dedupe_key=f"{audience.CHART_PREFIX}{process.id}:{recipient.user_id}",
            language=recipient.language,
        )  # fmt: skip
    await session.commit()
    return len(recipients)


async def tick(
    session: AsyncSession, clock: Clock, secret: bytes, render: ResultsRenderer,
    default_language: str, notifier: Notifier,
) -> list[tuple[int, BudgetPhase]]:  # fmt: skip
    """Move every process whose date has come (audited as the system; leaving proposals stops
    those short of supports and tells their authors, as a move by hand does), then count each
    closed process not counted yet (also one closed by hand). Returns the moves."""
    moved = []
    pending = await session.scalars(
        select(BudgetProcess)
        .where(or_(BudgetProcess.phase != BudgetPhase.CLOSED, BudgetProcess.results.is_(None)))
        .order_by(BudgetProcess.id)
    )
    for process in list(pending):
        phase = due_phase(process, clock.now())
        if phase != process.phase:  # the same move as by hand (proposals short of supports stop)
            await overview.move(
                session, clock, process.id, phase, actor=audit.SYSTEM, notifier=notifier
            )
            moved.append((process.id, phase))
        if process.phase == BudgetPhase.CLOSED and process.results is None:
            await finalize(session, clock, secret, process, render, default_language)
    return moved
