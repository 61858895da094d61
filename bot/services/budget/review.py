"""Staff review of proposals (chat and CLI): feasible → a project of the process with an official
cost, title and description; not feasible with a reason for the author; merge a duplicate into
the proposal kept. Each decision is audited and its author told, in one transaction."""

from __future__ import annotations

import json

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import audit
from bot.services.budget.notices import Notifier, ProposalNotice, tell_author
from bot.services.budget.projects import DESCRIPTION_MAX, FROZEN
from bot.services.budget.proposals import OPEN, ProposalError, qualify_if_supported
from bot.services.budget.spec import TITLE_MAX
from bot.services.clock import Clock
from bot.services.ideas.translation import CommentTranslation
from bot.services.text_length import utf16_len
from db.models import (
    BudgetProcess,
    BudgetProject,
    BudgetProposal,
    BudgetSupport,
    ProjectStatus,
    ProposalStatus,
)

REASON_MAX = 1000
COST_MAX = 10**12  # whole euros; as projects.csv allows


def target(proposal_id: int) -> str:
    """The audit log's name for a proposal."""
    return f"budget-proposal:{proposal_id}"


async def queue(session: AsyncSession, process_id: int) -> list[BudgetProposal]:
    """The proposals waiting for review, oldest first."""
    rows = await session.scalars(
        select(BudgetProposal)
        .where(
            BudgetProposal.process_id == process_id,
            BudgetProposal.status == ProposalStatus.IN_REVIEW,
        )
        .order_by(BudgetProposal.id)
    )
    return list(rows)


async def reviewable(session: AsyncSession, proposal_id: int) -> BudgetProposal:
    """The proposal if staff may decide on it now: in review, its projects not yet fixed."""
    proposal = await session.get(BudgetProposal, proposal_id)
    if proposal is None:
        raise ProposalError("not_found")
    process = await session.get(BudgetProcess, proposal.process_id)
    if process is None or process.phase in FROZEN or proposal.status != ProposalStatus.IN_REVIEW:
        raise ProposalError("not_allowed")
    return proposal


def check_official(cost: int, title: dict[str, str], description: dict[str, str]) -> None:
    """Whole euros ≥ 1, a German title, texts within the projects' limits."""
    if not 1 <= cost <= COST_MAX:
        raise ProposalError("cost")
    if not title.get("de") or any(not t or len(t) > TITLE_MAX for t in title.values()):
        raise ProposalError("title")
    if any(len(text) > DESCRIPTION_MAX for text in description.values()):
        raise ProposalError("description")


async def feasible(
    session: AsyncSession, clock: Clock, proposal_id: int, cost: int, title: dict[str, str],
    description: dict[str, str], *, actor: int, notifier: Notifier,
) -> BudgetProject:  # fmt: skip
    """Make the proposal a project of its process (code P-<proposal id>)."""
    check_official(cost, title, description)
    proposal = await reviewable(session, proposal_id)
    project = BudgetProject(
        process_id=proposal.process_id, code=f"P-{proposal.id}", cost=cost,
        district=proposal.district, title=json.dumps(title, ensure_ascii=False, sort_keys=True),
        description=json.dumps(description, ensure_ascii=False, sort_keys=True),
        status=ProjectStatus.FEASIBLE, user_id=proposal.user_id, created_at=clock.now(),
    )  # fmt: skip
    session.add(project)
    await session.flush()
    proposal.status, proposal.project_id = ProposalStatus.FEASIBLE, project.id
    proposal.decided_at = clock.now()
    audit.record(
        session, actor=actor, action=audit.AuditAction.BUDGET_PROPOSAL_FEASIBLE,
        target=target(proposal.id), at=clock.now(), before=ProposalStatus.IN_REVIEW.value,
        after={"code": project.code, "cost": cost, "title": title.get("de")},
    )  # fmt: skip
    notice = ProposalNotice(ProposalStatus.FEASIBLE, proposal.title, cost=cost)
    await tell_author(session, proposal, notice, notifier, clock.now())
    await session.commit()
    return project


def check_reason(reason: str) -> str:
    """The stripped reason, or ProposalError("reason") when empty or too long."""
    reason = reason.strip()
    if not reason or utf16_len(reason) > REASON_MAX:
        raise ProposalError("reason")
    return reason


async def not_feasible(
    session: AsyncSession, clock: Clock, proposal_id: int, reason: str, *, actor: int,
    notifier: Notifier, translation: CommentTranslation | None = None,
) -> BudgetProposal:  # fmt: skip
    """Refuse the proposal; the reason goes to the author as written, and with `translation`
    (reason_translation.not_feasible_for_author) also in their language."""
    reason = check_reason(reason)
    proposal = await reviewable(session, proposal_id)
    proposal.status, proposal.reason = ProposalStatus.NOT_FEASIBLE, reason
    proposal.decided_at = clock.now()
    audit.record(
        session, actor=actor, action=audit.AuditAction.BUDGET_PROPOSAL_NOT_FEASIBLE,
        target=target(proposal.id), at=clock.now(), before=ProposalStatus.IN_REVIEW.value,
        after={"reason": reason},
    )  # fmt: skip
    notice = ProposalNotice(ProposalStatus.NOT_FEASIBLE, proposal.title, reason=reason,
                            reason_translation=translation)  # fmt: skip
    await tell_author(session, proposal, notice, notifier, clock.now())
    await session.commit()
    return proposal


async def merge(
    session: AsyncSession, clock: Clock, duplicate_id: int, kept_id: int, *, actor: int,
    notifier: Notifier,
) -> BudgetProposal:  # fmt: skip
    """Fold a duplicate into the kept proposal: its supporters (and its author) support the
    kept one now, once each; the duplicate's author is told which one it joined."""
    duplicate = await reviewable(session, duplicate_id)
    kept = await session.get(BudgetProposal, kept_id)
    if kept is None or kept.id == duplicate.id or kept.process_id != duplicate.process_id:
        raise ProposalError("merge_target")
    if kept.status not in (*OPEN, ProposalStatus.FEASIBLE):  # a duplicate of a project too
        raise ProposalError("merge_target")
    moved = set(await session.scalars(
        select(BudgetSupport.user_id).where(BudgetSupport.proposal_id == duplicate.id)
    )) | {duplicate.user_id}  # fmt: skip
    already = set(await session.scalars(
        select(BudgetSupport.user_id).where(BudgetSupport.proposal_id == kept.id)
    ))  # fmt: skip
    for user_id in sorted(moved - already - {kept.user_id}):
        session.add(BudgetSupport(proposal_id=kept.id, user_id=user_id))
    await session.execute(delete(BudgetSupport).where(
        BudgetSupport.proposal_id == duplicate.id
    ))  # fmt: skip
    duplicate.status, duplicate.merged_into = ProposalStatus.MERGED, kept.id
    duplicate.decided_at = clock.now()
    await session.flush()
    await qualify_if_supported(session, clock, kept, notifier)
    audit.record(
        session, actor=actor, action=audit.AuditAction.BUDGET_PROPOSAL_MERGE,
        target=target(duplicate.id), at=clock.now(), before=ProposalStatus.IN_REVIEW.value,
        after={"merged_into": kept.id},
    )  # fmt: skip
    notice = ProposalNotice(ProposalStatus.MERGED, duplicate.title, kept_title=kept.title)
    await tell_author(session, duplicate, notice, notifier, clock.now())
    await session.commit()
    return kept


async def close_collecting(
    session: AsyncSession, clock: Clock, process_id: int, notifier: Notifier
) -> int:
    """When proposals close: those below the threshold stop there, their authors told (part of
    the caller's transaction); returns how many."""
    rows = list(await session.scalars(
        select(BudgetProposal).where(
            BudgetProposal.process_id == process_id,
            BudgetProposal.status == ProposalStatus.COLLECTING,
        )
    ))  # fmt: skip
    for proposal in rows:
        proposal.status, proposal.decided_at = ProposalStatus.TOO_FEW, clock.now()
        notice = ProposalNotice(ProposalStatus.TOO_FEW, proposal.title)
        await tell_author(session, proposal, notice, notifier, clock.now())
    return len(rows)
