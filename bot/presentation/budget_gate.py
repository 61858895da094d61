"""Who may vote in a Bürgerhaushalt: the district question, the age question, the voting code,
and the polite refusals, each with the way back."""

from __future__ import annotations

import html

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import BudgetCb, MenuCb
from bot.keyboards.common import back_to_menu_button
from bot.keyboards.profile import district_label
from bot.presentation.budget import localized, menu_label
from bot.services.budget.codes import CodeCheck
from bot.services.budget.spec import PLACES
from db.models import BudgetProcess


def _title(process: BudgetProcess) -> str:
    return "<b>" + html.escape(localized(process.title)) + "</b>\n"


def district_question(process: BudgetProcess) -> str:
    """Where do you live? (a district's own budget)"""
    return _title(process) + _(
        "This vote is for the residents of {district}. In which district do you live?"
    ).format(district=district_label(process.district or ""))


def district_keyboard(process: BudgetProcess) -> InlineKeyboardMarkup:
    """One button per district, and the way back."""
    builder = InlineKeyboardBuilder()
    for position, code in enumerate(PLACES):
        builder.button(
            text=district_label(code),
            callback_data=BudgetCb(action="dist", process=process.id, project=position),
        )
    builder.adjust(1)  # full width: "Homberg/Ruhrort/Baerl" must stay readable
    builder.row(back_to_menu_button())
    return builder.as_markup()


def age_question(process: BudgetProcess) -> str:
    """Are you old enough?"""
    return _title(process) + _("Are you {age} years or older?").format(age=process.min_age)


def age_keyboard(process: BudgetProcess) -> InlineKeyboardMarkup:
    """Yes · No, and the way back."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("Yes"), callback_data=BudgetCb(action="age", process=process.id, project=1)
    )
    builder.button(
        text=_("No"), callback_data=BudgetCb(action="age", process=process.id, project=0)
    )
    builder.adjust(2)
    builder.row(back_to_menu_button())
    return builder.as_markup()


def code_question(process: BudgetProcess) -> str:
    """Send the code from your letter."""
    return _title(process) + _(
        "Please send the voting code from your letter from the city (for example ABCD-EFGH-JKLM)."
    )


def code_problem(found: CodeCheck) -> str:
    """A code that cannot open a ballot."""
    if found == CodeCheck.USED:
        return _("This code has already been used for a ballot. Each code counts once.")
    return _("This code is not valid. Please check it and send it again.")


def wrong_district(process: BudgetProcess) -> str:
    """Not a resident of the process's district."""
    return _title(process) + _(
        "Sorry, only residents of {district} can vote here. You can take part in the votes for "
        "your own district or the whole city."
    ).format(district=district_label(process.district or ""))


def too_young(process: BudgetProcess) -> str:
    """Under the process's minimum age."""
    return _title(process) + _("Sorry, this vote is for people aged {age} or older.").format(
        age=process.min_age
    )


def back_keyboard() -> InlineKeyboardMarkup:
    """The open votes · Main menu."""
    builder = InlineKeyboardBuilder()
    builder.button(text=menu_label(), callback_data=MenuCb(to="budget"))
    builder.adjust(1)
    builder.row(back_to_menu_button())
    return builder.as_markup()
