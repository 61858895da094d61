"""The Bürgerhaushalt vote's screens: the list of open votes and a process's ballot."""

from __future__ import annotations

import html
import json

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import get_i18n, ngettext
from aiogram.utils.i18n import gettext as _
from babel.numbers import format_decimal

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import BudgetCb
from bot.keyboards.common import back_to_menu_button
from bot.services.budget import voting
from bot.services.budget.voting import CastOutcome
from bot.services.locale import content_language
from db.models import BudgetProcess, BudgetProject, BudgetRule

BUTTON_TITLE_MAX = 28  # the code and cost must stay visible on a phone


def euros(amount: int) -> str:
    """Whole euros the reader's way: 500.000 € in German, 500,000 € in English."""
    locale = content_language(get_i18n().current_locale)
    return f"{format_decimal(amount, locale=locale)} €"


def localized(texts: str) -> str:
    """A stored {language: text} in the reader's language, else German."""
    values: dict[str, str] = json.loads(texts)
    language = content_language(get_i18n().current_locale)
    return values.get(language) or values.get("de") or next(iter(values.values()), "")


def menu_label() -> str:
    """The main menu's entry."""
    return "💶 " + _("Participatory budget")


def choose_text(processes: list[BudgetProcess]) -> str:
    """Which open vote to take part in (or that none is open)."""
    if not processes:
        return _("No vote on the participatory budget is open right now.")
    return "<b>" + html.escape(menu_label()) + "</b>\n" + _("Choose a vote:")


def choose_keyboard(processes: list[BudgetProcess]) -> InlineKeyboardMarkup:
    """One button per open process, and the way back."""
    builder = InlineKeyboardBuilder()
    for process in processes:
        builder.button(
            text=localized(process.title), callback_data=BudgetCb(action="open", process=process.id)
        )
    builder.adjust(1)
    builder.row(back_to_menu_button())
    return builder.as_markup()


def ballot_text(
    process: BudgetProcess, projects: dict[int, BudgetProject], chosen: list[int], voted: bool
) -> str:
    """Title, "used X of Y", the rule, and what to do."""
    used = sum(projects[p].cost or 0 for p in chosen if p in projects)
    rule = (
        _("the Method of Equal Shares") if process.rule == BudgetRule.MES else _("most votes first")
    )
    lines = [
        "<b>" + html.escape(localized(process.title)) + "</b>",
        _("Used {used} of {budget}").format(used=euros(used), budget=euros(process.budget)),
        "",
        _("Tap projects to choose them, then confirm. Results are computed by {rule}.").format(
            rule=rule
        ),
    ]
    if process.max_projects is not None:
        lines.append(
            ngettext(
                "You can choose at most {count} project.",
                "You can choose at most {count} projects.",
                process.max_projects,
            ).format(count=process.max_projects)
        )
    if voted:
        lines.append(_("You have voted. You can change your choice until voting closes."))
    return "\n".join(lines)


def toggle_label(project: BudgetProject, chosen: bool) -> str:
    """A project's toggle: ✅ chosen or ▫️ not, code, title (shortened) and cost."""
    title = localized(project.title)
    if len(title) > BUTTON_TITLE_MAX:
        title = title[: BUTTON_TITLE_MAX - 1] + "…"
    return f"{'✅' if chosen else '▫️'} {project.code} {title} · {euros(project.cost or 0)}"


def ballot_keyboard(
    process: BudgetProcess, projects: dict[int, BudgetProject], chosen: list[int]
) -> InlineKeyboardMarkup:
    """A toggle per project (✅ chosen), the projects' cards, Confirm, and the way back."""
    builder = InlineKeyboardBuilder()
    draft = voting.draft_mask(projects, chosen)
    for project_id, project in projects.items():
        builder.button(
            text=toggle_label(project, project_id in chosen),
            callback_data=BudgetCb(action="t", process=process.id, project=project_id, draft=draft),
        )
    if projects:  # the projects' cards (description, photo, place), paged from the first
        builder.button(
            text="ℹ️ " + _("Details"),
            callback_data=BudgetCb(action="c", process=process.id, project=next(iter(projects)),
                                   draft=draft),
        )  # fmt: skip
    builder.button(
        text="✔️ " + _("Confirm my vote"),
        callback_data=BudgetCb(action="ok", process=process.id, draft=draft),
    )
    builder.adjust(1)
    builder.row(back_to_menu_button())
    return builder.as_markup()


def refusal(outcome: CastOutcome, process: BudgetProcess, left: int) -> str:
    """One friendly sentence for a choice that cannot be taken."""
    if outcome == CastOutcome.OVER_BUDGET:
        return _("That would exceed the budget: only {left} are left.").format(left=euros(left))
    if outcome == CastOutcome.TOO_MANY:
        count = process.max_projects or 0
        return ngettext(
            "You can choose at most {count} project.",
            "You can choose at most {count} projects.",
            count,
        ).format(count=count)
    if outcome == CastOutcome.EMPTY:
        return _("Choose at least one project first.")
    if outcome == CastOutcome.CLOSED:
        return _("This vote is closed.")
    if outcome == CastOutcome.NO_CODE:
        return _("Please send your voting code first.")
    if outcome == CastOutcome.CODE_USED:
        return _("This code has already been used for a ballot. Each code counts once.")
    return _("This project is not on the ballot.")


def saved_text(process: BudgetProcess, changed: bool) -> str:
    """After confirming."""
    first = _("Your vote has been changed.") if changed else _("Thank you! Your vote is saved.")
    return (
        "<b>" + html.escape(localized(process.title)) + "</b>\n" + first + "\n"
        + _("You can change it until voting closes; the last vote counts.")
    )  # fmt: skip


def saved_keyboard(process: BudgetProcess) -> InlineKeyboardMarkup:
    """Change my vote · Main menu."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text="✏️ " + _("Change my vote"), callback_data=BudgetCb(action="open", process=process.id)
    )
    builder.adjust(1)
    builder.row(back_to_menu_button())
    return builder.as_markup()
