"""`stadtstimme budget results`: funded projects and why the others are not, as text, CSV or
the Pabulib file; every run is audited as an export."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from bot.cli import fail, settings_or_exit
from bot.cli.support import database_session, run_db
from bot.services import audit, tabular
from bot.services.budget import results as budget_results
from bot.services.clock import SystemClock
from db.models import BudgetProcess, BudgetRule

FORMATS = ("text", "csv", "png", "pb")


def results(
    process_id: int = typer.Argument(..., metavar="ID"),
    rule: str | None = typer.Option(None, "--rule", help="mes or greedy (default: the process's)."),
    format: str = typer.Option("text", "--format", help="text, csv, png (chart) or pb (Pabulib)."),
    out: Path | None = typer.Option(None, "--out", metavar="FILE", help="Default: stdout."),
) -> None:
    """Funded projects and, for each other one, why not (rule and ties: see the docs)."""
    if format not in FORMATS:
        raise fail(f"--format: expected one of {', '.join(FORMATS)}")
    if rule is not None and rule not in tuple(BudgetRule):
        raise fail("--rule: expected mes or greedy")
    settings = settings_or_exit()

    async def compute() -> budget_results.Computed:
        async with database_session(settings) as session:
            process = await session.get(BudgetProcess, process_id)
            if process is None:
                raise fail(f"no budget process {process_id}")
            return await budget_results.compute(
                session, SystemClock(), process, BudgetRule(rule) if rule else None,
                actor=audit.CLI_OPERATOR, form=format,
            )  # fmt: skip

    computed = run_db(compute())
    if format == "png" and out is None:
        raise fail("--format png: name the file with --out")
    if format == "text" and out is None:
        _print(computed, Console())
        return
    data = _render(computed, format)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    out.write_bytes(data)
    typer.echo(f"wrote the results of budget process {process_id} to {out}", err=True)


def _png(computed: budget_results.Computed) -> bytes:
    """The chart residents get when voting closes, in the default language."""
    from bot.i18n import build_i18n
    from bot.presentation.budget import localized
    from bot.presentation.budget_news import chart_caption
    from bot.services.budget import chart
    from bot.services.budget.closing import stored_results

    settings = settings_or_exit()
    i18n = build_i18n(settings.default_language)
    with i18n.context(), i18n.use_locale(settings.default_language):
        return chart.render(
            stored_results(computed), computed.projects, localized(computed.process.title),
            chart_caption(), lambda p: localized(p.title),
        )  # fmt: skip


def _render(computed: budget_results.Computed, form: str) -> bytes:
    if form == "png":
        return _png(computed)
    if form == "pb":
        return budget_results.pabulib(computed).encode()
    if form == "csv":
        rows = budget_results.table(computed)
        return tabular.to_csv(tabular.Sheet("results", budget_results.HEADER, rows))
    console = Console(file=io.StringIO(), width=120)
    _print(computed, console)
    return console.file.getvalue().encode()  # type: ignore[attr-defined]


def _print(computed: budget_results.Computed, console: Console) -> None:
    result = computed.result
    rule = "Method of Equal Shares + Add1 + greedy" if result.rule == BudgetRule.MES else "greedy"
    console.print(
        f"budget process {computed.process.id}: {result.ballots} ballots, rule {rule}; "
        f"funded {len(result.funded)} projects for {result.spent:,} of {result.budget:,} €",
        highlight=False,
    )
    table = Table(*budget_results.HEADER)
    for row in budget_results.table(computed):
        table.add_row(*(f"{cell:,}" if isinstance(cell, int) else cell for cell in row))
    console.print(table)
