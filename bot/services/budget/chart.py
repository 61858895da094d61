"""The results as a bar chart (the polls' PNG renderer): votes per project, funded ones marked,
from the results kept when voting closed."""

from __future__ import annotations

import json
from collections.abc import Callable

from bot.services.polls.chart import ChartData, render_png
from db.models import BudgetProject

FUNDED_MARK = "✓"  # in DejaVu Sans, matplotlib's default font (an emoji would be a box)
BUDGET_CHART = "budget_chart"  # an outbox payload key: the process whose chart to attach


def funded_and_votes(results: str) -> tuple[set[str], dict[str, int]]:
    """The funded codes and the votes per code from a process's kept results (JSON)."""
    kept = json.loads(results)
    return set(kept["funded"]), {code: int(n) for code, n in kept["votes"].items()}


def render(
    results: str, projects: list[BudgetProject], title: str, caption: str,
    name: Callable[[BudgetProject], str],
) -> bytes:  # fmt: skip
    """One bar per project in code order (its votes), funded ones marked."""
    funded, votes = funded_and_votes(results)
    bars = [
        (f"{FUNDED_MARK + ' ' if p.code in funded else ''}{p.code} {name(p)}", votes.get(p.code, 0))
        for p in projects
    ]
    return render_png(ChartData(title, bars, caption))
