"""`stadtstimme budget update ID CODE --status in_progress --text-de "…" [--text-tr "…" …]`:
a funded project's implementation news, sent to the project's chat voters in their language."""

from __future__ import annotations

import typer

from bot.cli import fail, settings_or_exit
from bot.cli.support import database_session, run_db
from bot.config import LANGUAGES
from bot.services import audit
from bot.services.budget import implementation
from bot.services.budget.implementation import FUNDED, UpdateRefusal
from bot.services.clock import SystemClock
from db.models import BudgetProcess, ProjectStatus

STATUSES = tuple(status.value for status in FUNDED)
REFUSALS = {
    UpdateRefusal.NO_PROJECT: "no project {code} in budget process {process}",
    UpdateRefusal.NOT_FUNDED: "project {code} is not funded: only funded projects get updates",
    UpdateRefusal.NO_GERMAN: "--text-de is required (the text for every language without one)",
    UpdateRefusal.TOO_LONG: f"a text is longer than {implementation.TEXT_MAX} characters",
}


def _texts(extra: list[str], german: str) -> dict[str, str]:
    """--text-<language> "…" pairs after the options Typer knows."""
    texts = {"de": german}
    pairs = list(extra)
    while pairs:
        option = pairs.pop(0)
        language = option.removeprefix("--text-")
        if not option.startswith("--text-") or language not in LANGUAGES or not pairs:
            raise fail(
                f'unexpected {option!r}: expected --text-<language> "…" ({", ".join(LANGUAGES)})'
            )
        texts[language] = pairs.pop(0)
    return texts


def update(
    context: typer.Context,
    process_id: int = typer.Argument(..., metavar="ID"),
    code: str = typer.Argument(..., metavar="CODE"),
    status: str = typer.Option(..., "--status", help="planned, in_progress or done"),
    text_de: str = typer.Option(..., "--text-de", help="The news in German; --text-tr … optional."),
) -> None:
    """Post an implementation update of a funded project to its voters (audited)."""
    if status not in STATUSES:
        raise fail(f"--status: expected one of {', '.join(STATUSES)}")
    texts = _texts(context.args, text_de)
    settings = settings_or_exit()

    async def post() -> int | UpdateRefusal:
        from bot.i18n import build_i18n
        from bot.presentation.budget_news import update_renderer

        async with database_session(settings) as session:
            process = await session.get(BudgetProcess, process_id)
            if process is None:
                raise fail(f"no budget process {process_id}")
            return await implementation.post(
                session, SystemClock(), settings.poll_key, process, code, ProjectStatus(status),
                texts, update_renderer(build_i18n(settings.default_language)),
                actor=audit.CLI_OPERATOR, default_language=settings.default_language,
            )  # fmt: skip

    outcome = run_db(post())
    if isinstance(outcome, UpdateRefusal):
        raise fail(REFUSALS[outcome].format(code=code, process=process_id))
    typer.echo(f"project {code} is {status}; the update is queued for {outcome} voters")
