"""Projects of a budget process: fixed once any ballot exists, and costs read strictly."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.budget import projects
from db.models import BudgetBallot, BudgetPhase, BudgetProcess, BudgetProject

HEADER = "code,cost,district,title_de,description_de"


async def test_projects_are_frozen_once_a_ballot_exists(session: AsyncSession) -> None:
    # A process moved back to review before phases were forward-only may hold ballots.
    process = BudgetProcess(
        title='{"de": "Bürgerhaushalt"}', budget=100_000, created_by=0, phase=BudgetPhase.REVIEW
    )
    session.add(process)
    await session.flush()
    assert not await projects.frozen(session, process)
    project = BudgetProject(process_id=process.id, code="M-01", cost=9_000, title='{"de": "Bank"}')
    session.add(project)
    await session.flush()
    session.add(BudgetBallot(process_id=process.id, voter="paper:1", projects=f"[{project.id}]"))
    await session.commit()
    assert await projects.frozen(session, process)


def test_a_cost_with_other_digits_is_refused_with_its_line() -> None:
    for cost in ("5²", "١٢", "1e3", "12345678901234"):
        assert projects.parse(f"{HEADER}\nM-01,{cost},city,Bank,Text\n") == [
            f"line 2: cost: expected whole euros (at least 1), got {cost!r}"
        ]
    parsed = projects.parse(f"{HEADER}\nM-01,900,city,Bank,Text\n")
    assert [(row.code, row.cost) for row in parsed if isinstance(row, projects.ProjectRow)] == [
        ("M-01", 900)
    ]
