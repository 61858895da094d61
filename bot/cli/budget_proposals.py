"""`stadtstimme budget proposals ID` (residents' proposals: number, status, supports; no one's
id) and `stadtstimme budget review NUMBER …` (the same decisions as /budget in the chat, with
titles and descriptions in more languages; audited, the author told)."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import select

from bot.cli import fail, settings_or_exit
from bot.cli.support import database_session, run_db
from bot.config import LANGUAGES, Settings
from bot.services import audit
from bot.services.budget import proposals, review
from bot.services.budget.notices import Notifier
from bot.services.budget.proposals import ProposalError
from bot.services.budget.reason_translation import not_feasible_for_author
from bot.services.clock import SystemClock
from bot.services.locale import content_language
from bot.translation import build_translator
from db.models import BudgetProcess, BudgetProposal

TITLE_SHOWN = 50
PROBLEMS = {
    "cost": "--cost: expected whole euros, at least 1",
    "title": "--title de=…: the German title is required (at most 200 characters each)",
    "description": "--description: at most 3000 characters each",
    "reason": "--reason: expected a reason of 1–1000 characters",
    "merge_target": "--merge-into: expected another open proposal of the same process",
    "not_allowed": "only a proposal waiting for review can be decided, before voting opens",
    "not_found": "no such proposal",
}


def register(budget_app: typer.Typer) -> None:
    """Add `proposals` and `review` to `budget`."""
    if not any(c.name == "proposals" for c in budget_app.registered_commands):
        budget_app.command("proposals")(list_proposals)
        budget_app.command("review")(review_proposal)


def list_proposals(process_id: int = typer.Argument(..., metavar="ID")) -> None:
    """The residents' proposals of a process: number, status, supports, district, title."""
    settings = settings_or_exit()

    async def load() -> list[tuple[str, ...]]:
        async with database_session(settings) as session:
            if await session.get(BudgetProcess, process_id) is None:
                raise fail(f"no budget process {process_id}")
            found = list(await session.scalars(
                select(BudgetProposal).where(BudgetProposal.process_id == process_id)
                .order_by(BudgetProposal.id)
            ))  # fmt: skip
            counts = await proposals.supports(session, [p.id for p in found])
            return [
                (str(p.id), p.status, str(counts[p.id]), p.district or "city",
                 p.title[:TITLE_SHOWN])
                for p in found
            ]  # fmt: skip

    table = Table("number", "status", "supports", "district", "title")
    for row in run_db(load()):
        table.add_row(*row)
    Console().print(table)


def _texts(values: list[str], option: str) -> dict[str, str]:
    """['de=Bänke', 'tr=Banklar'] → {'de': 'Bänke', 'tr': 'Banklar'}."""
    found: dict[str, str] = {}
    for value in values:
        language, sign, text = value.partition("=")
        if not sign or language not in LANGUAGES or not text.strip():
            raise fail(f"{option}: expected LANG=TEXT with LANG one of {', '.join(LANGUAGES)}")
        found[language] = text.strip()
    return found


def notifier(settings: Settings) -> Notifier:
    """Authors' notices in their language (loads aiogram's i18n: only when a notice is due)."""
    from bot.i18n import build_i18n
    from bot.presentation.budget_notices import notice_renderer

    return Notifier(notice_renderer(build_i18n(settings.default_language)),
                    settings.default_language)  # fmt: skip


def review_proposal(
    number: int = typer.Argument(..., metavar="NUMBER", help="The proposal's number."),
    feasible: bool = typer.Option(False, "--feasible"),
    cost: int = typer.Option(0, "--cost", help="With --feasible: the official cost in euros."),
    title: list[str] = typer.Option([], "--title", help="With --feasible: LANG=TEXT, de needed."),
    description: list[str] = typer.Option([], "--description", help="LANG=TEXT"),
    not_feasible: str = typer.Option(
        "",
        "--not-feasible",
        help="The reason, sent to the author (also machine-translated).",
    ),
    merge_into: int = typer.Option(0, "--merge-into", help="The number of the proposal kept."),
) -> None:
    """Decide on a proposal waiting for review: --feasible (with --cost, --title de=…),
    --not-feasible REASON, or --merge-into NUMBER."""
    chosen = [feasible, bool(not_feasible), bool(merge_into)]
    if sum(chosen) != 1:
        raise fail("choose one of --feasible, --not-feasible REASON, --merge-into NUMBER")
    titles, descriptions = _texts(title, "--title"), _texts(description, "--description")
    settings = settings_or_exit()
    how, actor, clock = notifier(settings), audit.CLI_OPERATOR, SystemClock()

    async def decide() -> str:
        async with database_session(settings) as session:
            try:
                if feasible:
                    project = await review.feasible(
                        session, clock, number, cost, titles, descriptions, actor=actor,
                        notifier=how,
                    )  # fmt: skip
                    return f"proposal {number} is feasible: project {project.code}, {cost} €"
                if not_feasible:  # in the author's language too, when a provider is set
                    await not_feasible_for_author(
                        session, clock, build_translator(settings), number, not_feasible,
                        staff_language=content_language(settings.default_language),
                        actor=actor, notifier=how,
                    )  # fmt: skip
                    return f"proposal {number} is not feasible; the author is told"
                await review.merge(session, clock, number, merge_into, actor=actor, notifier=how)
                return f"proposal {number} merged into {merge_into}; the author is told"
            except ProposalError as error:
                raise fail(PROBLEMS[error.code]) from None

    typer.echo(run_db(decide()))
