"""The demo Bürgerhaushalt: a city-wide process in the voting phase with eight projects, so
anyone can vote (and change the vote) in the web chat."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import select

from bot.sandbox.demo_base import DEMO_LABEL, DemoContext
from bot.sandbox.demo_budget_data import BUDGET, PROJECTS, TITLE
from bot.services.budget import processes, projects
from bot.services.budget.spec import ProcessSpec
from db.models import BudgetPhase, BudgetProcess, BudgetRule

OPEN_FOR = timedelta(days=28)


async def _seeded(context: DemoContext) -> bool:
    async with context.session_factory() as session:
        titles = await session.scalars(select(BudgetProcess.title))
        return any(json.loads(title).get("de", "").startswith(DEMO_LABEL) for title in titles)


async def seed_budget(context: DemoContext) -> int:
    """Create the demo process once, open for voting now; 0 when it exists."""
    if await _seeded(context):
        return 0
    now = context.clock.now()
    spec = ProcessSpec(
        title={language: f"{DEMO_LABEL} {text}" for language, text in TITLE.items()},
        district=None, budget=BUDGET, rule=BudgetRule.MES, min_age=None, codes=False,
        support_threshold=0, max_projects=None, proposals=None,
        voting=(now - timedelta(minutes=1), now + OPEN_FOR),
    )  # fmt: skip
    rows = [
        projects.ProjectRow(
            code=code,
            cost=cost,
            district=None,
            title={language: texts[0] for language, texts in by_language.items()},
            description={language: texts[1] for language, texts in by_language.items()},
        )
        for code, cost, by_language in PROJECTS
    ]
    async with context.session_factory() as session:
        process_id = await processes.create(session, context.clock, spec, actor=context.staff_id)
        process = await session.get(BudgetProcess, process_id)
        assert process is not None
        await projects.import_rows(session, context.clock, process, rows, actor=context.staff_id)
        await processes.move(
            session, context.clock, process, BudgetPhase.VOTING, actor=context.staff_id
        )
    return 1
