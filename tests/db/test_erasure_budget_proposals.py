"""Erasing a resident deletes their Bürgerhaushalt proposals (with the supports given to them)
and their own supports; a project made from their proposal stays, without the link to them."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.personal_data import rights as personal_data
from db.models import (
    BudgetPhase,
    BudgetProcess,
    BudgetProject,
    BudgetProposal,
    BudgetSupport,
    User,
)
from tests.db.support import FixedClock
from tests.db.test_erasure_budget_ballot import STAFF

NOW = datetime(2026, 12, 7, 12, tzinfo=UTC)


def _proposal(
    process: BudgetProcess, author: User, title: str, status: str = "in_review", **extra: object
) -> BudgetProposal:
    return BudgetProposal(process_id=process.id, user_id=author.id, language="de", title=title,
                          description="Eine Beschreibung des Vorschlags.", status=status,
                          **extra)  # fmt: skip


async def test_the_erased_residents_proposals_and_supports_go_a_project_stays(
    session: AsyncSession,
) -> None:
    person, neighbour = User(telegram_id=7301), User(telegram_id=7302)
    process = BudgetProcess(title='{"de": "Bürgerhaushalt"}', budget=500_000,
                            phase=BudgetPhase.REVIEW, created_by=0)  # fmt: skip
    session.add_all([person, neighbour, process])
    await session.flush()
    project = BudgetProject(process_id=process.id, code="P-1", cost=9_000,
                            title='{"de": "Bänke"}', user_id=person.id)  # fmt: skip
    session.add(project)
    await session.flush()
    own = _proposal(process, person, "Bänke", project_id=project.id, status="feasible")
    open_one = _proposal(process, person, "Brunnen")
    theirs = _proposal(process, neighbour, "Bäume")
    session.add_all([own, open_one, theirs])
    await session.flush()
    session.add_all([
        BudgetSupport(proposal_id=open_one.id, user_id=neighbour.id),
        BudgetSupport(proposal_id=theirs.id, user_id=person.id),
    ])  # fmt: skip
    await session.commit()
    how = personal_data.Erasure(
        b"k", FixedClock(NOW), lambda *a: {"text": "x"}, "de", STAFF, "[removed]"
    )
    await personal_data.erase(session, person, how, keep_public_ideas=False)
    titles = (await session.execute(select(BudgetProposal.title))).scalars().all()
    assert titles == ["Bäume"]
    assert (await session.execute(select(BudgetSupport))).scalars().all() == []
    kept = (await session.execute(select(BudgetProject.code, BudgetProject.user_id))).one()
    assert tuple(kept) == ("P-1", None)
