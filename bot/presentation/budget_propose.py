"""The steps of handing in a Bürgerhaushalt proposal: questions, answers to wrong input, the
preview and what the author sees after sending."""

from __future__ import annotations

from html import escape

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import ProposalCb
from bot.keyboards.common import rows_by_width
from bot.keyboards.ideas import place_label
from bot.presentation.budget import euros
from bot.services.budget.proposals import TITLE_MAX, TITLE_MIN
from bot.services.ideas.lifecycle import IDEA_DISTRICTS
from db.models import BudgetProcess, BudgetProposal, ProposalStatus


def title_question() -> str:
    """Step 1."""
    return ngettext(
        "What is your project called? Send a short title in any language "
        "({minimum}–{maximum} character).",
        "What is your project called? Send a short title in any language "
        "({minimum}–{maximum} characters).",
        TITLE_MAX,
    ).format(minimum=TITLE_MIN, maximum=TITLE_MAX)


def title_problem() -> str:
    """A title too short, too long or without words."""
    return ngettext(
        "Please send a title of {minimum}–{maximum} character with at least a few words.",
        "Please send a title of {minimum}–{maximum} characters with at least a few words.",
        TITLE_MAX,
    ).format(minimum=TITLE_MIN, maximum=TITLE_MAX)


def description_question() -> str:
    """Step 2."""
    return _("Describe your project: what should be done, where, and who benefits? Any language.")


def district_keyboard(process_id: int) -> InlineKeyboardMarkup:
    """Step 3 for a city-wide process: a district or the whole city (rows by label width)."""
    builder = InlineKeyboardBuilder()
    for code in IDEA_DISTRICTS:
        builder.button(
            text=place_label(code),
            callback_data=ProposalCb(action="d", process=process_id, value=code),
        )
    rows_by_width(builder, [button.text for button in builder.buttons])
    return builder.as_markup()


def skip_keyboard(process_id: int) -> InlineKeyboardMarkup:
    """Go on without this part."""
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Skip"), callback_data=ProposalCb(action="skip", process=process_id))
    return builder.as_markup()


def photo_question() -> str:
    """Step 4."""
    return _("You can add a photo of the place. Send it, or tap Skip.")


def cost_question() -> str:
    """Step 6."""
    return _("Do you know roughly what it would cost? Send an amount in euros, or tap Skip.")


def cost_problem() -> str:
    """Not an amount."""
    return _("Please send the amount as a number of euros, for example 25000, or tap Skip.")


def preview_text(data: dict[str, object]) -> str:
    """Step 7: the proposal as it will be handed in."""
    lines = [
        "<b>" + _("Check your proposal") + "</b>",
        "",
        "<b>" + escape(str(data["title"])) + "</b>",
    ]
    if data.get("district"):
        lines.append(_("Place: {place}").format(place=escape(place_label(str(data["district"])))))
    if data.get("cost"):
        lines.append(_("Estimated cost: {cost}").format(cost=euros(int(str(data["cost"])))))
    lines += ["", escape(str(data["description"]))]
    return "\n".join(lines)


def preview_keyboard(process_id: int) -> InlineKeyboardMarkup:
    """Send · Cancel."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text="✅ " + _("Send"), callback_data=ProposalCb(action="send", process=process_id)
    )
    builder.button(
        text="✖️ " + _("Cancel"), callback_data=ProposalCb(action="list", process=process_id)
    )
    builder.adjust(1)
    return builder.as_markup()


def sent_text(proposal: BudgetProposal, process: BudgetProcess) -> str:
    """After sending."""
    if proposal.status == ProposalStatus.IN_REVIEW:
        after = _("It goes on to review by the city. We will tell you the result.")
    else:
        after = ngettext(
            "Once {count} person supports it, it goes on to review. We will tell you.",
            "Once {count} people support it, it goes on to review. We will tell you.",
            process.support_threshold,
        ).format(count=process.support_threshold)
    return _("Thank you! Your proposal has been handed in.") + "\n" + after
