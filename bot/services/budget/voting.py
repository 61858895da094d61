"""A resident's vote in the chat: which processes are open, their ballot, casting it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.budget import codes, voters
from bot.services.budget.results import on_ballot
from bot.services.clock import Clock
from db.models import BallotSource, BudgetBallot, BudgetPhase, BudgetProcess, BudgetProject


class CastOutcome(StrEnum):
    """What became of a ballot sent from the chat."""

    SAVED = "saved"
    CHANGED = "changed"  # replaced the person's earlier ballot
    CLOSED = "closed"  # voting is not open: nothing stored
    EMPTY = "empty"
    OVER_BUDGET = "over_budget"
    TOO_MANY = "too_many"
    UNKNOWN = "unknown"  # a project not on this process's ballot
    NO_CODE = "no_code"  # codes: true and the person has not given a valid code yet
    CODE_USED = "code_used"  # the code opened another ballot meanwhile


def is_open(process: BudgetProcess, clock: Clock) -> bool:
    """Whether chat ballots count now: the voting phase, within its dates if it has them."""
    now = clock.now()
    return (
        process.phase == BudgetPhase.VOTING
        and (process.voting_from is None or process.voting_from <= now)
        and (process.voting_to is None or now < process.voting_to)
    )


async def open_processes(session: AsyncSession, clock: Clock) -> list[BudgetProcess]:
    """The processes a resident can vote in now, oldest first."""
    rows = await session.execute(
        select(BudgetProcess)
        .where(BudgetProcess.phase == BudgetPhase.VOTING)
        .order_by(BudgetProcess.id)
    )
    return [process for process in rows.scalars() if is_open(process, clock)]


async def ballot(
    session: AsyncSession, secret: bytes, process_id: int, telegram_id: int
) -> list[int] | None:
    """The person's stored choice (project ids), or None if they have not voted."""
    voter = voters.voter_key(secret, process_id, telegram_id)
    stored = await session.get(BudgetBallot, (process_id, voter))
    return None if stored is None else list(json.loads(stored.projects))


def problem(
    process: BudgetProcess, projects: dict[int, BudgetProject], chosen: list[int]
) -> CastOutcome | None:
    """Why a choice cannot be a ballot (checked for each toggle and again at confirming)."""
    if any(project_id not in projects for project_id in chosen):
        return CastOutcome.UNKNOWN
    if sum(projects[p].cost or 0 for p in chosen) > process.budget:
        return CastOutcome.OVER_BUDGET
    if process.max_projects is not None and len(chosen) > process.max_projects:
        return CastOutcome.TOO_MANY
    return None


def draft_mask(projects: dict[int, BudgetProject], chosen: list[int]) -> str:
    """The choice as a hex bit mask over the projects' positions (empty for no choice)."""
    mask = sum(1 << i for i, project_id in enumerate(projects) if project_id in chosen)
    return format(mask, "x") if mask else ""


def draft_choice(projects: dict[int, BudgetProject], mask: str) -> list[int] | None:
    """The project ids a mask names; None if it names positions the ballot lacks (an old screen)."""
    bits = int(mask, 16) if mask else 0
    if bits >> len(projects):
        return None
    return [project_id for i, project_id in enumerate(projects) if bits >> i & 1]


async def projects_of(session: AsyncSession, process_id: int) -> dict[int, BudgetProject]:
    """The projects on the ballot by id, in code order."""
    return {project.id: project for project in await on_ballot(session, process_id)}


async def cast(
    session: AsyncSession, clock: Clock, secret: bytes, process: BudgetProcess,
    telegram_id: int, chosen: list[int], code: str | None = None,
) -> CastOutcome:  # fmt: skip
    """Store the person's ballot (replacing an earlier one) in one transaction, if valid.

    With `codes: true` a first ballot uses up the code (its digest, `code`); changing the ballot
    later needs none: the keyed hash already holds this person's one ballot."""
    if not is_open(process, clock):
        return CastOutcome.CLOSED
    if not chosen:
        return CastOutcome.EMPTY
    refused = problem(process, await projects_of(session, process.id), sorted(set(chosen)))
    if refused is not None:
        return refused
    voter = voters.voter_key(secret, process.id, telegram_id)
    if process.codes and await session.get(BudgetBallot, (process.id, voter)) is None:
        if code is None:
            return CastOutcome.NO_CODE
        if not await codes.redeem(session, process.id, code):
            await session.rollback()
            return CastOutcome.CODE_USED
    replaced = await voters.store(
        session, process.id, voter, sorted(set(chosen)), BallotSource.CHAT
    )
    await session.commit()
    return CastOutcome.CHANGED if replaced else CastOutcome.SAVED


async def process(session: AsyncSession, process_id: int) -> BudgetProcess | None:
    """The budget process a button or deep link names, or None."""
    return await session.get(BudgetProcess, process_id)


@dataclass(frozen=True)
class PressedDraft:
    """What a ballot button stands for: the process, its projects and the unconfirmed choice."""

    process: BudgetProcess
    projects: dict[int, BudgetProject]
    chosen: list[int]


async def pressed_draft(session: AsyncSession, process_id: int, mask: str) -> PressedDraft | None:
    """The draft a button carries; None for an unknown process or a mask the ballot no longer
    fits (an old screen)."""
    found = await process(session, process_id)
    projects = await projects_of(session, process_id)
    chosen = draft_choice(projects, mask)
    if found is None or chosen is None:
        return None
    return PressedDraft(found, projects, chosen)
