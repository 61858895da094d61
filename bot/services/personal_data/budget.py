"""The Bürgerhaushalt's sections of /mydata: the person's proposals, supports and ballots.

Proposals (`budget_proposals.user_id`) and supports (`budget_supports.user_id`) are deleted
with the person (ON DELETE CASCADE); the projects made from their proposals are linked by
`budget_projects.user_id` (set to NULL on erasure: a reviewed project belongs to the process).
Ballots are stored under a keyed hash; the export recomputes it, so it needs the key (a
KeyedSection). Erased by `budget.voters.forget`, which `rights.erase` calls.
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.budget import voters
from bot.services.personal_data.account import when
from db.models import BudgetProject, BudgetProposal, BudgetSupport, User


def _german_or_first(texts: str) -> str:
    values: dict[str, str] = json.loads(texts)
    return values.get("de") or next(iter(values.values()), "")


def _proposal(proposal: BudgetProposal) -> dict[str, Any]:
    return {
        "process": proposal.process_id, "number": proposal.id, "title": proposal.title,
        "description": proposal.description, "district": proposal.district,
        "photo": proposal.photo is not None, "latitude": proposal.latitude,
        "longitude": proposal.longitude, "cost_idea": proposal.cost_idea,
        "status": proposal.status, "reason": proposal.reason,
        "merged_into": proposal.merged_into, "handed_in": when(proposal.created_at),
    }  # fmt: skip


async def proposals(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """Every proposal the person handed in, with what became of it, and the projects on the
    ballot made from them (or added for them by staff)."""
    handed_in = await session.scalars(
        select(BudgetProposal).where(BudgetProposal.user_id == user.id).order_by(BudgetProposal.id)
    )
    found = [_proposal(proposal) for proposal in handed_in]
    rows = await session.execute(
        select(BudgetProject).where(BudgetProject.user_id == user.id).order_by(BudgetProject.id)
    )
    return found + [
        {
            "process": project.process_id, "code": project.code,
            "title": _german_or_first(project.title), "status": project.status,
            "district": project.district, "cost": project.cost,
            "handed_in": when(project.created_at),
        }
        for project in rows.scalars()
    ]  # fmt: skip


async def supports(session: AsyncSession, user: User) -> list[dict[str, Any]]:
    """The proposals the person supports (or supported, if merged into another)."""
    rows = await session.scalars(
        select(BudgetProposal)
        .join(BudgetSupport, BudgetSupport.proposal_id == BudgetProposal.id)
        .where(BudgetSupport.user_id == user.id)
        .order_by(BudgetProposal.id)
    )
    return [
        {"process": p.process_id, "number": p.id, "title": p.title, "status": p.status}
        for p in rows
    ]


async def ballots(session: AsyncSession, user: User, secret: bytes) -> list[dict[str, Any]]:
    """The person's current ballot in each process: the projects chosen, by code."""
    found = []
    for process, ballot in await voters.ballots_of(session, secret, user.telegram_id):
        ids = json.loads(ballot.projects)
        codes = await session.execute(
            select(BudgetProject.code).where(BudgetProject.id.in_(ids)).order_by(BudgetProject.code)
        )
        found.append({"process": process.id, "projects": list(codes.scalars())})
    return found
