"""Paper ballots from the citizen offices: checked as a whole, imported all or nothing."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import audit
from bot.services.budget.processes import target
from bot.services.budget.voters import PAPER_PREFIX, paper_voter, store
from bot.services.clock import Clock
from bot.services.tabular import parse_csv
from db.models import BallotSource, BudgetProcess, BudgetProject

NUMBER_MAX = 64 - len(PAPER_PREFIX)


@dataclass(frozen=True)
class PaperBallot:
    """One checked line: the ballot's number and the chosen projects' ids."""

    number: str
    project_ids: list[int]


def parse(
    text: str, process: BudgetProcess, projects: list[BudgetProject]
) -> list[PaperBallot] | list[str]:
    """The ballots, or every refused line ("line N: …"); one refused line refuses the file."""
    header, lines = parse_csv(text)
    if sorted(header) != ["ballot", "projects"]:
        return ["header: expected ballot,projects"]
    by_code = {project.code: project for project in projects}
    ballots: list[PaperBallot] = []
    errors: list[str] = []
    seen: set[str] = set()
    for line, row in lines:
        number = (row.get("ballot") or "").strip()
        codes = (row.get("projects") or "").split()
        problem = None
        unknown = [code for code in codes if code not in by_code]
        if not number or len(number) > NUMBER_MAX:
            problem = f"ballot: expected a number of 1–{NUMBER_MAX} characters"
        elif number in seen:
            problem = f"ballot {number} appears twice"
        elif not codes:
            problem = f"ballot {number} names no project"
        elif unknown:
            problem = f"ballot {number} names unknown projects: {' '.join(unknown)}"
        elif len(set(codes)) != len(codes):
            problem = f"ballot {number} names a project twice"
        elif process.max_projects is not None and len(codes) > process.max_projects:
            problem = f"ballot {number} names {len(codes)} projects, at most {process.max_projects}"
        else:
            total = sum(by_code[code].cost or 0 for code in codes)
            if total > process.budget:
                over = f"over the budget of {process.budget:,} €"
                problem = f"ballot {number} costs {total:,} €, {over}"
        if problem is not None:
            errors.append(f"line {line}: {problem}")
            continue
        seen.add(number)
        ballots.append(PaperBallot(number, sorted(by_code[code].id for code in codes)))
    if not ballots and not errors:
        errors.append("no ballots in the file")
    return errors or ballots


async def import_ballots(
    session: AsyncSession, clock: Clock, process: BudgetProcess, ballots: list[PaperBallot],
    *, actor: int,
) -> int:  # fmt: skip
    """Store the ballots; a number imported before is replaced, so a file imported twice counts
    once. One transaction; returns how many."""
    for ballot in ballots:
        voter = paper_voter(ballot.number)
        await store(session, process.id, voter, ballot.project_ids, BallotSource.PAPER)
    audit.record(
        session, actor=actor, action=audit.AuditAction.BUDGET_BALLOTS_IMPORT,
        target=target(process.id), at=clock.now(), after={"paper_ballots": len(ballots)},
    )  # fmt: skip
    await session.commit()
    return len(ballots)
