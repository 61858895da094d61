"""Keyboards of the volunteering feature: the list with filters, the card, what to share."""

from __future__ import annotations

from aiogram.types import (
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
)
from aiogram.utils.i18n import gettext as _

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import InfoCb, MenuCb, VolunteerCb, VolunteerListCb
from bot.keyboards.common import back, forward
from bot.keyboards.ideas import place_label
from bot.keyboards.profile import topic_label
from bot.services.info import VOLUNTEERING_SLUG
from bot.services.profile import TOPICS
from bot.services.volunteering.opportunities import PLACES


def frequency_label(kind: str) -> str:
    """One-off, regular, or both (the filter's "any")."""
    return {"once": _("One-off"), "regular": _("Regular")}.get(kind) or _("One-off and regular")


def _next_kind(kind: str) -> str:
    return {"": "once", "once": "regular"}.get(kind, "")


def list_keyboard(
    entries: list[tuple[int, str]], filters: VolunteerListCb, more: bool
) -> InlineKeyboardMarkup:
    """One button per opportunity, the filters, pages, and the way home."""
    builder = InlineKeyboardBuilder()
    for opportunity_id, label in entries:
        builder.button(text=label, callback_data=VolunteerCb(id=opportunity_id))  # full row
    state = filters.model_copy(update={"pick": "", "page": 0})
    district = place_label(filters.district) if filters.district else _("All districts")
    # full row
    builder.button(text="📍 " + district, callback_data=state.model_copy(update={"pick": "d"}))
    builder.button(  # full row
        text="🔁 " + frequency_label(filters.freq),
        callback_data=state.model_copy(update={"freq": _next_kind(filters.freq)}),
    )
    mine = ("✅ " if filters.mine else "") + _("In my language")
    builder.button(  # full row
        text="🗣 " + mine, callback_data=state.model_copy(update={"mine": not filters.mine})
    )
    topic = topic_label(filters.topic) if filters.topic else _("All topics")
    # full row
    builder.button(text="🏷 " + topic, callback_data=state.model_copy(update={"pick": "t"}))
    rows = [1] * (len(entries) + 4)
    if filters.page > 0:
        previous = filters.model_copy(update={"page": filters.page - 1, "pick": ""})
        builder.button(text=back(_("Previous")), callback_data=previous)
    if more:
        following = filters.model_copy(update={"page": filters.page + 1, "pick": ""})
        builder.button(text=forward(_("More")), callback_data=following)
    rows.append(int(filters.page > 0) + int(more))
    recognition = InfoCb(slug=VOLUNTEERING_SLUG)
    # full row
    builder.button(text="🏅 " + _("Recognition and contacts"), callback_data=recognition)
    builder.button(text="🏠 " + _("Main menu"), callback_data=MenuCb(to="main"))
    builder.adjust(*[r for r in rows if r], 1, 1)
    return builder.as_markup()


def pick_keyboard(filters: VolunteerListCb) -> InlineKeyboardMarkup:
    """The choices of one filter: districts (and the whole city) or topics; "all" first."""
    builder = InlineKeyboardBuilder()
    state = filters.model_copy(update={"pick": "", "page": 0})
    if filters.pick == "d":
        builder.button(
            text=_("All districts"), callback_data=state.model_copy(update={"district": ""})
        )
        for code in PLACES:
            builder.button(
                text=place_label(code), callback_data=state.model_copy(update={"district": code})
            )  # full row
    else:
        builder.button(text=_("All topics"), callback_data=state.model_copy(update={"topic": ""}))
        for code in TOPICS:
            builder.button(
                text=topic_label(code), callback_data=state.model_copy(update={"topic": code})
            )  # full row
    builder.adjust(1)
    return builder.as_markup()


def card_keyboard(opportunity_id: int, interested: bool) -> InlineKeyboardMarkup:
    """I'm interested (unless already), back to the list, main menu."""
    builder = InlineKeyboardBuilder()
    if not interested:
        builder.button(
            text="✋ " + _("I'm interested"),
            callback_data=VolunteerCb(id=opportunity_id, step="interested"),
        )
    builder.button(text=back(_("All opportunities")), callback_data=VolunteerListCb())
    builder.button(text="🏠 " + _("Main menu"), callback_data=MenuCb(to="main"))
    builder.adjust(1)
    return builder.as_markup()


def share_keyboard(opportunity_id: int) -> InlineKeyboardMarkup:
    """What the organisation gets: a message only (first, the default) or also the contact."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text="💬 " + _("Only a message"), callback_data=VolunteerCb(id=opportunity_id, step="msg")
    )
    builder.button(
        text="📇 " + _("Message and my contact"),
        callback_data=VolunteerCb(id=opportunity_id, step="contact"),
    )
    builder.button(text=back(_("Back")), callback_data=VolunteerCb(id=opportunity_id))
    builder.adjust(1)
    return builder.as_markup()


def contact_keyboard() -> ReplyKeyboardMarkup:
    """Telegram's own "share my contact" button; nothing is shared without pressing it."""
    return ReplyKeyboardMarkup(
        keyboard=[
            # full row
            [KeyboardButton(text="📇 " + _("Share my contact"), request_contact=True)],
            [KeyboardButton(text="✖️ " + _("Cancel"))],
        ],
        resize_keyboard=True,
        one_time_keyboard=True,
    )
