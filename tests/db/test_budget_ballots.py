"""A resident's ballots under the keyed hash: /mydata shows them, /delete removes those of open
processes (a closed process keeps its counted ballots, which name nobody without the key)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.budget import voters
from bot.services.personal_data import budget as personal_budget
from db.models import BudgetBallot, BudgetPhase, BudgetProcess, BudgetProject, User

SECRET = b"budget-ballot-test-key-0123456789abcdef"


async def _process_with_ballot(session: AsyncSession, phase: BudgetPhase, person: User) -> int:
    process = BudgetProcess(
        title='{"de": "Bürgerhaushalt"}', budget=100_000, created_by=0, phase=phase
    )
    session.add(process)
    await session.flush()
    project = BudgetProject(process_id=process.id, code="M-01", cost=9_000, title='{"de": "Bank"}')
    session.add(project)
    await session.flush()
    voter = voters.voter_key(SECRET, process.id, person.telegram_id)
    session.add(BudgetBallot(process_id=process.id, voter=voter, projects=f"[{project.id}]"))
    await session.commit()
    return process.id


async def test_export_shows_the_ballot_and_erasure_removes_it_while_open(
    session: AsyncSession,
) -> None:
    person = User(telegram_id=5_550_001, telegram_language="de")
    other = User(telegram_id=5_550_002, telegram_language="tr")
    session.add_all([person, other])
    await session.commit()
    voting = await _process_with_ballot(session, BudgetPhase.VOTING, person)
    closed = await _process_with_ballot(session, BudgetPhase.CLOSED, person)
    await _process_with_ballot(session, BudgetPhase.VOTING, other)

    shown = await personal_budget.ballots(session, person, SECRET)
    assert shown == [
        {"process": voting, "projects": ["M-01"]},
        {"process": closed, "projects": ["M-01"]},
    ]
    assert (
        await personal_budget.ballots(session, person, b"another-key-0123456789abcdefghijkl") == []
    )

    assert await voters.forget(session, SECRET, person.telegram_id) == 1
    await session.commit()
    left = await session.execute(select(BudgetBallot.process_id, BudgetBallot.voter))
    mine = {voters.voter_key(SECRET, p, person.telegram_id) for p in (voting, closed)}
    assert sorted(p for p, voter in left.all() if voter in mine) == [closed]
    assert len(await personal_budget.ballots(session, other, SECRET)) == 1  # others' stay
