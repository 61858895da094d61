"""A process's results from its stored ballots, as rows for CSV and as a Pabulib file."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import audit
from bot.services.budget.allocation import Candidate, Explanation, Reason, Result, allocate
from bot.services.budget.processes import target
from bot.services.clock import Clock
from db.models import BudgetBallot, BudgetProcess, BudgetProject, BudgetRule
from db.models.budget import ON_BALLOT

HEADER = ("code", "cost", "votes", "funded", "explanation")


@dataclass(frozen=True)
class Computed:
    """The result with what it was computed from (ballots as code lists, for Pabulib)."""

    process: BudgetProcess
    projects: list[BudgetProject]
    ballots: list[list[str]]
    result: Result


def title_of(texts: str, language: str = "de") -> str:
    """A stored {language: text} JSON's text in `language`, else German, else any."""
    values: dict[str, str] = json.loads(texts)
    return values.get(language) or values.get("de") or next(iter(values.values()), "")


async def on_ballot(session: AsyncSession, process_id: int) -> list[BudgetProject]:
    """The projects voters choose from (feasible or funded, with a cost), by code."""
    rows = await session.execute(
        select(BudgetProject)
        .where(
            BudgetProject.process_id == process_id,
            BudgetProject.status.in_(ON_BALLOT),
            BudgetProject.cost.is_not(None),
        )
        .order_by(BudgetProject.code)
    )
    return list(rows.scalars())


async def count(
    session: AsyncSession, process: BudgetProcess, rule: BudgetRule | None = None
) -> Computed:
    """Count every ballot (chat and paper alike) by the process's rule or `rule`."""
    projects = await on_ballot(session, process.id)
    code_of = {project.id: project.code for project in projects}
    stored = await session.execute(
        select(BudgetBallot.projects).where(BudgetBallot.process_id == process.id)
    )
    # A project taken off the ballot after voting (not feasible after all) is not counted; a
    # ballot left with none is not counted at all (it would hold a share nobody can spend).
    chosen_codes = (
        [code_of[p] for p in json.loads(chosen) if p in code_of] for chosen in stored.scalars()
    )
    ballots = [codes for codes in chosen_codes if codes]
    used = BudgetRule(rule or process.rule)
    result = allocate(
        [Candidate(project.code, project.cost or 0) for project in projects],
        ballots, process.budget, used,
    )  # fmt: skip
    return Computed(process, projects, ballots, result)


async def compute(
    session: AsyncSession, clock: Clock, process: BudgetProcess, rule: BudgetRule | None,
    *, actor: int, form: str,
) -> Computed:  # fmt: skip
    """`count`, audited as an export before it is handed out."""
    computed = await count(session, process, rule)
    await audit.record_export(
        session, clock, actor=actor, action=audit.AuditAction.EXPORT_BUDGET_RESULTS,
        target=target(process.id), details={"rule": computed.result.rule.value, "format": form},
    )  # fmt: skip
    return computed


def explain(explanation: Explanation) -> str:
    """The operator's (English) sentence for why a project is not funded."""
    if explanation.reason == Reason.SHORTFALL:
        return f"its supporters' remaining shares fell short by {explanation.euros:,} €"
    if explanation.reason == Reason.NO_FIT:
        return f"did not fit the remaining {explanation.euros:,} €"
    return "no votes"


def table(computed: Computed) -> list[tuple[str, int, int, str, str]]:
    """One row per project (code order): code, cost, votes, funded yes/no, explanation."""
    result = computed.result
    funded = set(result.funded)
    return [
        (
            project.code, project.cost or 0, result.votes[project.code],
            "yes" if project.code in funded else "no",
            "" if project.code in funded else explain(result.explanations[project.code]),
        )
        for project in computed.projects
    ]  # fmt: skip


def _clean(text: str) -> str:
    return " ".join(text.replace(";", ",").split())


def pabulib(computed: Computed) -> str:
    """The Pabulib .pb file: anonymised ballots (numbered 1…n in no stored order) and projects."""
    process, result = computed.process, computed.result
    title = title_of(process.title)
    rule = "equalshares/add1/greedy" if result.rule == BudgetRule.MES else "greedy"
    lines = [
        "META", "key;value", f"description;{_clean(title)}", "country;Germany",
        "unit;Duisburg", f"subunit;{process.district or 'city'}", f"instance;{process.id}",
        f"num_projects;{len(computed.projects)}", f"num_votes;{len(computed.ballots)}",
        f"budget;{process.budget}", "vote_type;approval", f"rule;{rule}",
        "PROJECTS", "project_id;cost;votes;name;selected",
    ]  # fmt: skip
    funded = set(result.funded)
    for project in computed.projects:
        name = _clean(title_of(project.title) or project.code)
        selected = 1 if project.code in funded else 0
        lines.append(
            f"{project.code};{project.cost};{result.votes[project.code]};{name};{selected}"
        )
    lines += ["VOTES", "voter_id;vote"]
    # Sorted: the storage order says nothing about who voted when.
    for voter, ballot in enumerate(sorted(sorted(b) for b in computed.ballots), start=1):
        lines.append(f"{voter};{','.join(ballot)}")
    return "\n".join(lines) + "\n"
