"""The proposals phase as residents see it: the processes taking proposals, a process's
proposals, a proposal's card, the steps of handing one in (the authors' notices: budget_notices)."""

from __future__ import annotations

from html import escape

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import BudgetCb, ProposalCb
from bot.keyboards.common import back_to_menu_button
from bot.keyboards.ideas import place_label
from bot.presentation.budget import euros, localized, menu_label
from bot.presentation.map_links import openstreetmap
from bot.services.html import visible_text
from bot.services.text_length import clip, utf16_len
from db.models import BudgetProcess, BudgetProposal, ProposalStatus

LIST_MAX = 30  # proposals listed as buttons; a phone screen, not an archive
BUTTON_TITLE_MAX = 40
CAPTION_MAX = 1024  # Telegram's limit for a photo's caption, in UTF-16 units as the reader sees it


def entry_text(collecting: list[BudgetProcess], voting: list[BudgetProcess]) -> str:
    """💶: what is open — proposals to hand in and support, votes to take part in."""
    lines = ["<b>" + escape(menu_label()) + "</b>"]
    if collecting:
        lines.append(_("Propose a project or support the proposals of others:"))
    if voting:
        lines.append(_("Choose a vote:"))
    return "\n".join(lines)


def entry_keyboard(
    collecting: list[BudgetProcess], voting: list[BudgetProcess]
) -> InlineKeyboardMarkup:
    """💡 per process taking proposals, 🗳 per open vote, and the way back."""
    builder = InlineKeyboardBuilder()
    for process in collecting:
        builder.button(
            text="💡 " + localized(process.title),
            callback_data=ProposalCb(action="list", process=process.id),
        )
    for process in voting:
        builder.button(
            text="🗳 " + localized(process.title),
            callback_data=BudgetCb(action="open", process=process.id),
        )
    builder.adjust(1)
    builder.row(back_to_menu_button())
    return builder.as_markup()


def _threshold(process: BudgetProcess) -> str:
    if process.support_threshold <= 0:
        return _("Every proposal goes on to review by the city.")
    return ngettext(
        "Proposals with at least {count} support go on to review by the city.",
        "Proposals with at least {count} supports go on to review by the city.",
        process.support_threshold,
    ).format(count=process.support_threshold)


def process_text(process: BudgetProcess, proposals: list[BudgetProposal]) -> str:
    """A process taking proposals: how it works and what is there."""
    lines = [
        "<b>" + escape(localized(process.title)) + "</b>",
        _("Budget: {budget}").format(budget=euros(process.budget)),
        _threshold(process),
        "",
        _("Tap a proposal to read and support it.") if proposals else _("No proposals yet."),
    ]
    return "\n".join(lines)


def process_keyboard(
    process: BudgetProcess, proposals: list[BudgetProposal], counts: dict[int, int]
) -> InlineKeyboardMarkup:
    """A button per proposal (👍 count), Propose a project, and the way back."""
    builder = InlineKeyboardBuilder()
    for proposal in proposals[-LIST_MAX:]:
        title = proposal.title
        if len(title) > BUTTON_TITLE_MAX:
            title = title[: BUTTON_TITLE_MAX - 1] + "…"
        builder.button(
            text=f"👍 {counts.get(proposal.id, 0)} · {title}",
            callback_data=ProposalCb(action="card", process=process.id, proposal=proposal.id),
        )
    builder.button(
        text="➕ " + _("Propose a project"),
        callback_data=ProposalCb(action="new", process=process.id),
    )
    builder.adjust(1)
    builder.row(back_to_menu_button())
    return builder.as_markup()


def card_text(proposal: BudgetProposal, supports: int, description: str | None = None) -> str:
    """A proposal as residents see it, in the author's words (escaped), its place as a map
    link; `description`: the author's, shortened for a caption."""
    lines = ["<b>" + escape(proposal.title) + "</b>"]
    if proposal.district:
        lines.append(_("Place: {place}").format(place=escape(place_label(proposal.district))))
    if link := openstreetmap(proposal.latitude, proposal.longitude):
        shown = escape(_("Show the place on OpenStreetMap"))
        lines.append(f'📍 <a href="{escape(link)}">{shown}</a>')
    if proposal.cost_idea:
        lines.append(_("Estimated cost: {cost}").format(cost=euros(proposal.cost_idea)))
    text = proposal.description if description is None else description
    lines += ["", escape(text), ""]
    lines.append(
        ngettext(
            "{count} person supports this proposal.",
            "{count} people support this proposal.",
            supports,
        ).format(count=supports)
    )
    if proposal.status == ProposalStatus.IN_REVIEW:
        lines.append(_("The city is reviewing this proposal."))
    return "\n".join(lines)


def card_caption(proposal: BudgetProposal, supports: int) -> str:
    """The card as its photo's caption: the description shortened (ending in "…") so that
    what the reader sees fits Telegram's caption limit; the rest of the card stays whole."""
    full = card_text(proposal, supports)
    over = utf16_len(visible_text(full)) - CAPTION_MAX
    if over <= 0:
        return full
    room = max(utf16_len(proposal.description) - over, 0)
    return card_text(proposal, supports, clip(proposal.description, room))


def card_keyboard(proposal: BudgetProposal, own: bool, supporting: bool) -> InlineKeyboardMarkup:
    """Support / Withdraw my support (not on one's own proposal), and back to the list."""
    builder = InlineKeyboardBuilder()
    if supporting:
        builder.button(
            text="↩️ " + _("Withdraw my support"),
            callback_data=ProposalCb(
                action="wd", process=proposal.process_id, proposal=proposal.id
            ),
        )
    elif not own:
        builder.button(
            text="👍 " + _("Support"),
            callback_data=ProposalCb(
                action="sup", process=proposal.process_id, proposal=proposal.id
            ),
        )
    builder.button(
        text="⬅️ " + _("Back"), callback_data=ProposalCb(action="list", process=proposal.process_id)
    )
    builder.adjust(1)
    return builder.as_markup()


def closed_text() -> str:
    """The process no longer takes proposals or supports."""
    return _("Proposals for this budget are closed.")
