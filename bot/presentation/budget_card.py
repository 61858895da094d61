"""A project's card in the vote: cost, place, description and, for a project made from a
proposal, that proposal's photo (the card its caption) and pin (an OpenStreetMap link); the
ballot's toggle for it, paging to the other projects, Confirm and back to the list."""

from __future__ import annotations

import html

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import BudgetCb
from bot.keyboards.ideas import place_label
from bot.presentation.budget import euros, localized, toggle_label
from bot.presentation.budget_proposals import CAPTION_MAX
from bot.presentation.map_links import openstreetmap
from bot.services.budget import voting
from bot.services.budget.project_media import ProjectMedia
from bot.services.html import visible_text
from bot.services.text_length import clip, utf16_len
from db.models import BudgetProcess, BudgetProject


def card_text(
    process: BudgetProcess, projects: dict[int, BudgetProject], chosen: list[int],
    project: BudgetProject, media: ProjectMedia, description: str | None = None,
) -> str:  # fmt: skip
    """The card with the ballot's "used X of Y" on top; `description` shortened for a caption."""
    used = sum(projects[p].cost or 0 for p in chosen if p in projects)
    position = list(projects).index(project.id) + 1
    lines = [
        f"<b>{html.escape(project.code)} · {html.escape(localized(project.title))}</b>",
        _("Used {used} of {budget}").format(used=euros(used), budget=euros(process.budget)),
        "",
        f"💶 {euros(project.cost or 0)} · {position}/{len(projects)}",
    ]
    if project.district:
        place = html.escape(place_label(project.district))
        lines.append(_("Place: {place}").format(place=place))
    if link := openstreetmap(media.latitude, media.longitude):
        shown = html.escape(_("Show the place on OpenStreetMap"))
        lines.append(f'📍 <a href="{html.escape(link)}">{shown}</a>')
    text = localized(project.description) if description is None else description
    if text:
        lines += ["", html.escape(text)]
    return "\n".join(lines)


def card_caption(
    process: BudgetProcess, projects: dict[int, BudgetProject], chosen: list[int],
    project: BudgetProject, media: ProjectMedia,
) -> str:  # fmt: skip
    """The card as its photo's caption: only the description is shortened (ending in "…") so
    that what the reader sees fits Telegram's caption limit, as on a proposal's card."""
    full = card_text(process, projects, chosen, project, media)
    over = utf16_len(visible_text(full)) - CAPTION_MAX
    if over <= 0:
        return full
    description = localized(project.description)
    room = max(utf16_len(description) - over, 0)
    return card_text(process, projects, chosen, project, media, clip(description, room))


def card_keyboard(
    process: BudgetProcess, projects: dict[int, BudgetProject], chosen: list[int],
    project: BudgetProject,
) -> InlineKeyboardMarkup:  # fmt: skip
    """The project's toggle, ◀️ ▶️ to the neighbouring cards (round), Confirm, back to the list;
    every button carries the unconfirmed choice, as the list's do."""
    draft = voting.draft_mask(projects, chosen)
    ids = list(projects)
    at = ids.index(project.id)
    builder = InlineKeyboardBuilder()
    builder.button(
        text=toggle_label(project, project.id in chosen),
        callback_data=BudgetCb(action="ct", process=process.id, project=project.id, draft=draft),
    )
    for step, arrow in ((-1, "◀️"), (1, "▶️")) if len(ids) > 1 else ():
        target = ids[(at + step) % len(ids)]
        builder.button(
            text=arrow,
            callback_data=BudgetCb(action="c", process=process.id, project=target, draft=draft),
        )
    builder.button(  # full row (adjust below: Confirm and Back each get one)
        text="✔️ " + _("Confirm my vote"),
        callback_data=BudgetCb(action="ok", process=process.id, draft=draft),
    )
    builder.button(  # full row
        text="⬅️ " + _("Back"),
        callback_data=BudgetCb(action="l", process=process.id, draft=draft),
    )
    builder.adjust(*((1, 2, 1, 1) if len(ids) > 1 else (1, 1, 1)))
    return builder.as_markup()
