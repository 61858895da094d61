"""/budget for editors: the processes with phase and counts, moving the phase, the review card."""

from __future__ import annotations

from html import escape
from typing import cast

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import BudgetStaffCb, PhaseName
from bot.keyboards.ideas import place_label
from bot.presentation.budget import euros, localized
from bot.services.budget.overview import Counts, next_phase
from bot.services.budget.review import REASON_MAX
from db.models import BudgetPhase, BudgetProcess, BudgetProposal


def phase_label(phase: str) -> str:
    """A phase in words."""
    return {
        BudgetPhase.DRAFT: _("in preparation"),
        BudgetPhase.PROPOSALS: _("proposals"),
        BudgetPhase.REVIEW: _("review"),
        BudgetPhase.VOTING: _("voting"),
        BudgetPhase.CLOSED: _("finished"),
    }[BudgetPhase(phase)]


def overview_text(listed: list[Counts]) -> str:
    """Each process: title, phase, and the counts."""
    lines = ["<b>💶 " + _("Participatory budget") + "</b>"]
    if not listed:
        lines.append(_("No process is running. Create one with: stadtstimme budget add"))
    for item in listed:
        process = item.process
        lines += [
            "",
            f"<b>{process.id} · {escape(localized(process.title))}</b>",
            _("Phase: {phase}").format(phase=phase_label(process.phase)),
            _(
                "Proposals: {proposals} (waiting for review: {waiting}) · supports: {supports} · "
                "projects on the ballot: {projects} · ballots: {ballots}"
            ).format(
                proposals=item.proposals,
                waiting=item.in_review,
                supports=item.supports,
                projects=item.projects,
                ballots=item.ballots,
            ),
        ]
    return "\n".join(lines)


def overview_keyboard(listed: list[Counts]) -> InlineKeyboardMarkup:
    """Per process: review the waiting proposals, move on to the next phase."""
    builder = InlineKeyboardBuilder()
    for item in listed:
        process = item.process
        if item.in_review:
            label = _("Review ({count})").format(count=item.in_review)
            builder.button(
                text=f"🔍 {process.id}: {label}",
                callback_data=BudgetStaffCb(action="q", process=process.id),
            )
        following = next_phase(process)
        if following is not None:
            label = _("Move on to: {phase}").format(phase=phase_label(following))
            phase = cast(PhaseName, following.value)
            builder.button(
                text=f"⏭ {process.id}: {label}",
                callback_data=BudgetStaffCb(action="mv", process=process.id, phase=phase),
            )
    builder.adjust(1)
    return builder.as_markup()


def confirm_move_text(process: BudgetProcess, phase: BudgetPhase) -> str:
    """Ask before moving: the step cannot be undone."""
    text = _("Move “{title}” from {before} to {after}? This cannot be undone.").format(
        title=escape(localized(process.title)), before=phase_label(process.phase),
        after=phase_label(phase),
    )  # fmt: skip
    if process.phase == BudgetPhase.PROPOSALS:
        text += "\n" + _(
            "Proposals that have not reached the number of supports needed stop here; "
            "their authors are told."
        )
    return text


def confirm_move_keyboard(process: BudgetProcess, phase: BudgetPhase) -> InlineKeyboardMarkup:
    """Yes, move · Back."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text="✅ " + _("Yes, move on"),
        callback_data=BudgetStaffCb(
            action="mvok", process=process.id, phase=cast(PhaseName, phase.value)
        ),
    )
    builder.button(text="⬅️ " + _("Back"), callback_data=BudgetStaffCb(action="home"))
    builder.adjust(1)
    return builder.as_markup()


def review_text(proposal: BudgetProposal, supports: int, waiting: int) -> str:
    """A proposal to review, in the author's words (escaped), and what is known about it."""
    lines = [
        _("Proposal {number} · waiting for review: {waiting}").format(
            number=proposal.id, waiting=waiting
        ),
        "",
        "<b>" + escape(proposal.title) + "</b>",
        _("Place: {place}").format(place=escape(place_label(proposal.district or "city"))),
        _("Supports: {count}").format(count=supports),
    ]
    if proposal.cost_idea:
        lines.append(_("Estimated cost: {cost}").format(cost=euros(proposal.cost_idea)))
    if proposal.photo:
        lines.append(_("With a photo"))
    if proposal.latitude is not None:
        place = f"{proposal.latitude:.5f}, {proposal.longitude or 0.0:.5f}"
        lines.append(_("Location: {answer}").format(answer=place))
    lines += ["", escape(proposal.description)]
    return "\n".join(lines)


def review_keyboard(proposal: BudgetProposal) -> InlineKeyboardMarkup:
    """Feasible · Not feasible · Merge into another · Next · Overview."""
    builder = InlineKeyboardBuilder()
    ids = BudgetStaffCb(action="ok", process=proposal.process_id, proposal=proposal.id)
    builder.button(text="✅ " + _("Feasible"), callback_data=ids)
    builder.button(
        text="⛔ " + _("Not feasible"), callback_data=ids.model_copy(update={"action": "nf"})
    )
    builder.button(
        text="🔗 " + _("Merge into another proposal"),
        callback_data=ids.model_copy(update={"action": "mg"}),
    )
    builder.button(text="⏭ " + _("Next"), callback_data=ids.model_copy(update={"action": "next"}))
    builder.button(text="⬅️ " + _("Back"), callback_data=BudgetStaffCb(action="home"))
    builder.adjust(1)
    return builder.as_markup()


def official_question(number: int) -> str:
    """What "Feasible" asks for."""
    return _(
        "Proposal {number} is feasible. Reply with the official cost in whole euros on the "
        "first line, the German title on the second and the German description below. "
        "Other languages can be added with stadtstimme budget review. /cancel stops."
    ).format(number=number)


def reason_question(number: int) -> str:
    """What "Not feasible" asks for."""
    return ngettext(
        "Why is proposal {number} not feasible? Reply in a few sentences (at most {limit} "
        "character): the author gets your reason. /cancel stops.",
        "Why is proposal {number} not feasible? Reply in a few sentences (at most {limit} "
        "characters): the author gets your reason. /cancel stops.",
        REASON_MAX,
    ).format(number=number, limit=REASON_MAX)


def merge_question(number: int) -> str:
    """What "Merge" asks for."""
    return _(
        "Which proposal should proposal {number} be merged into? Reply with its number. "
        "Its supporters then support that one. /cancel stops."
    ).format(number=number)
