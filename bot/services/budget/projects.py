"""Projects of a process: import from CSV (staff adds them directly), list them."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import LANGUAGES
from bot.services import audit
from bot.services.budget.processes import target
from bot.services.budget.spec import CITY, PLACES, TITLE_MAX, district_code
from bot.services.clock import Clock
from bot.services.tabular import parse_csv
from db.models import BudgetBallot, BudgetPhase, BudgetProcess, BudgetProject, ProjectStatus

REQUIRED = ("code", "cost", "district", "title_de", "description_de")
OPTIONAL = tuple(f"{kind}_{lang}" for lang in LANGUAGES for kind in ("title", "description"))
CODE_MAX = 16
DESCRIPTION_MAX = 3000
# Projects are fixed once voting opens: a ballot must mean what the voter saw.
FROZEN = (BudgetPhase.VOTING, BudgetPhase.CLOSED)


@dataclass(frozen=True)
class ProjectRow:
    """One checked line of projects.csv."""

    code: str
    cost: int
    district: str | None
    title: dict[str, str]
    description: dict[str, str]


def _texts(row: dict[str, str], kind: str) -> dict[str, str]:
    found = {lang: (row.get(f"{kind}_{lang}") or "").strip() for lang in LANGUAGES}
    return {lang: text for lang, text in found.items() if text}


def _check(row: dict[str, str], seen: set[str]) -> ProjectRow | str:
    code = (row.get("code") or "").strip()
    if not code or len(code) > CODE_MAX or any(c in code for c in " ,;"):
        return f"code: expected 1–{CODE_MAX} characters without spaces, commas or semicolons"
    if code in seen:
        return f"code {code} appears twice"
    cost_text = (row.get("cost") or "").strip()
    # Not str.isdigit(): it accepts "5²" and other digits int() refuses.
    if not re.fullmatch(r"[0-9]{1,12}", cost_text) or int(cost_text) < 1:
        return f"cost: expected whole euros (at least 1), got {cost_text!r}"
    place = district_code(row.get("district") or "") or CITY
    if place != CITY and place not in PLACES:
        return f"district: expected city or one of {', '.join(PLACES)}, got {row['district']!r}"
    title, description = _texts(row, "title"), _texts(row, "description")
    if "de" not in title:
        return "title_de: the German title is required"
    if any(len(text) > TITLE_MAX for text in title.values()):
        return f"title: at most {TITLE_MAX} characters"
    if any(len(text) > DESCRIPTION_MAX for text in description.values()):
        return f"description: at most {DESCRIPTION_MAX} characters"
    seen.add(code)
    district = None if place == CITY else place
    return ProjectRow(code, int(cost_text), district, title, description)


def parse(text: str) -> list[ProjectRow] | list[str]:
    """The rows, or the problems as "line N: …" (line 1 is the header)."""
    header, lines = parse_csv(text)
    missing = [name for name in REQUIRED if name not in header]
    unknown = [name for name in header if name not in REQUIRED + OPTIONAL]
    if missing or unknown:
        return [f"header: missing {', '.join(missing) or '—'}; unknown {', '.join(unknown) or '—'}"]
    rows: list[ProjectRow] = []
    errors: list[str] = []
    seen: set[str] = set()
    for line, row in lines:
        checked = _check(row, seen)
        if isinstance(checked, str):
            errors.append(f"line {line}: {checked}")
        else:
            rows.append(checked)
    if not rows and not errors:
        errors.append("no projects in the file")
    return errors or rows


async def listed(session: AsyncSession, process_id: int) -> list[BudgetProject]:
    """Every project of the process, by code."""
    rows = await session.execute(
        select(BudgetProject)
        .where(BudgetProject.process_id == process_id)
        .order_by(BudgetProject.code)
    )
    return list(rows.scalars())


async def frozen(session: AsyncSession, process: BudgetProcess) -> bool:
    """Whether the projects are fixed: voting has opened, or any ballot exists (a ballot must
    keep meaning what the voter saw)."""
    if process.phase in FROZEN:
        return True
    ballot = await session.scalar(
        select(BudgetBallot.process_id).where(BudgetBallot.process_id == process.id).limit(1)
    )
    return ballot is not None


async def import_rows(
    session: AsyncSession, clock: Clock, process: BudgetProcess, rows: list[ProjectRow],
    *, actor: int,
) -> tuple[int, int]:  # fmt: skip
    """Add new codes, update known ones (cost, district, texts); returns (added, updated)."""
    known = {project.code: project for project in await listed(session, process.id)}
    added = updated = 0
    for row in rows:
        project = known.get(row.code)
        if project is None:
            project = BudgetProject(
                process_id=process.id, code=row.code, status=ProjectStatus.FEASIBLE,
                created_at=clock.now(),
            )  # fmt: skip
            session.add(project)
            added += 1
        else:
            updated += 1
        project.cost, project.district = row.cost, row.district
        project.title = json.dumps(row.title, ensure_ascii=False, sort_keys=True)
        project.description = json.dumps(row.description, ensure_ascii=False, sort_keys=True)
    audit.record(
        session, actor=actor, action=audit.AuditAction.BUDGET_PROJECTS_IMPORT,
        target=target(process.id), at=clock.now(),
        after={"added": added, "updated": updated, "codes": [row.code for row in rows]},
    )  # fmt: skip
    await session.commit()
    return added, updated
