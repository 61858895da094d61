"""The Bürgerhaushalt's messages sent outside a conversation: the results when voting closes
and a funded project's implementation updates, each in the reader's language."""

from __future__ import annotations

import html
from collections.abc import Callable

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.presentation.budget import euros, localized
from bot.services.budget import chart
from bot.services.budget.allocation import Explanation, Reason
from bot.services.budget.chart import FUNDED_MARK
from bot.services.budget.closing import ResultsRenderer
from bot.services.budget.implementation import UpdateRenderer
from bot.services.budget.results import Computed
from bot.services.text_length import utf16_len
from db.models import BudgetProcess, BudgetProject, BudgetUpdate, ProjectStatus

MESSAGE_MAX = 4096  # UTF-16 units, Telegram's limit for a text message
# The results chart in a language: (language, process, projects on the ballot) → PNG.
ChartRenderer = Callable[[str, BudgetProcess, list[BudgetProject]], bytes]


def explanation(why: Explanation) -> str:
    """Why a project is not funded, for residents."""
    if why.reason == Reason.SHORTFALL:
        return _("its supporters' remaining shares fell short by {amount}").format(
            amount=euros(why.euros)
        )
    if why.reason == Reason.NO_FIT:
        return _("it did not fit the remaining {amount}").format(amount=euros(why.euros))
    return _("nobody voted for it")


def _project(project: BudgetProject) -> str:
    return f"{html.escape(project.code)} {html.escape(localized(project.title))}"


def results_text(computed: Computed) -> str:
    """Title, how much was funded, each funded project with its cost, each other one with why."""
    result = computed.result
    funded = set(result.funded)
    lines = [
        "<b>" + html.escape(localized(computed.process.title)) + "</b>",
        _("Voting has closed. Funded: {spent} of {budget}. Ballots counted: {ballots}.").format(
            spent=euros(result.spent), budget=euros(result.budget), ballots=result.ballots
        ),
        "",
    ]
    lines += [
        f"✅ {_project(p)} · {euros(p.cost or 0)}" for p in computed.projects if p.code in funded
    ]
    others = [p for p in computed.projects if p.code not in funded]
    if others:
        lines += ["", _("Not funded:")]
        lines += [f"▫️ {_project(p)}: {explanation(result.explanations[p.code])}" for p in others]
    return _fit("\n".join(lines))


def _fit(text: str) -> str:
    """Cut whole lines off the end until the message fits Telegram's limit."""
    lines = text.split("\n")
    while utf16_len("\n".join(lines)) > MESSAGE_MAX - 2:
        lines.pop()
    return "\n".join(lines) + ("" if lines == text.split("\n") else "\n…")


def status_label(status: str) -> str:
    """A funded project's implementation status."""
    return {
        ProjectStatus.PLANNED: _("planned"),
        ProjectStatus.IN_PROGRESS: _("in progress"),
        ProjectStatus.DONE: _("done"),
    }.get(ProjectStatus(status), status)


def update_text(process: BudgetProcess, project: BudgetProject, news: BudgetUpdate) -> str:
    """A project you voted for: its new status and the staff's text in your language."""
    body = localized(news.text)  # the reader's language, else German
    return (
        "<b>" + html.escape(localized(process.title)) + "</b>\n"
        + _("News about a project you voted for: {project}").format(project=_project(project))
        + "\n" + _("Status: {status}").format(status=status_label(news.status))
        + "\n\n" + html.escape(body)
    )  # fmt: skip


def chart_caption() -> str:
    """The line under the results chart (plain text): what the mark means."""
    return FUNDED_MARK + " " + _("Funded")


def chart_png(process: BudgetProcess, projects: list[BudgetProject]) -> bytes:
    """The kept results as a bar chart in the current language."""
    return chart.render(
        process.results or "{}", projects, localized(process.title), chart_caption(),
        lambda project: localized(project.title),
    )  # fmt: skip


def chart_renderer(i18n: I18n) -> ChartRenderer:
    """`chart_png` in a given language, for the sender."""

    def render(language: str, process: BudgetProcess, projects: list[BudgetProject]) -> bytes:
        with i18n.context(), i18n.use_locale(language):
            return chart_png(process, projects)

    return render


def results_renderer(i18n: I18n) -> ResultsRenderer:
    """`results_text` in a given language, for the closing tick."""

    def render(language: str, computed: Computed) -> str:
        with i18n.context(), i18n.use_locale(language):
            return results_text(computed)

    return render


def update_renderer(i18n: I18n) -> UpdateRenderer:
    """`update_text` in a given language, for `budget update`."""

    def render(
        language: str, process: BudgetProcess, project: BudgetProject, news: BudgetUpdate
    ) -> str:
        with i18n.context(), i18n.use_locale(language):
            return update_text(process, project, news)

    return render
