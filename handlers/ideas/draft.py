"""The idea hand-in draft: states, FSM data, the questions of each step and the preview.

FSM data: {"id": draft id, "topic", "district", "text", "photos": [file_id, …],
"lat", "lon", "editing": True while one part is changed from the preview}.
"""

from __future__ import annotations

import secrets
from html import escape
from typing import TYPE_CHECKING, Any

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.keyboards import ideas as keyboards
from bot.keyboards.profile import topic_label
from bot.services.ideas.lifecycle import (
    IDEA_DISTRICTS,
    MAX_PHOTOS,
    TEXT_MAX,
    TEXT_MIN,
    IdeaDraft,
)

if TYPE_CHECKING:
    from db.models import User


class IdeaFlow(StatesGroup):
    """Steps of handing in an idea."""

    topic = State()
    district = State()
    text = State()
    photos = State()
    location = State()
    preview = State()


async def new_draft(state: FSMContext) -> None:
    """Start an empty draft at the topic step."""
    await state.set_state(IdeaFlow.topic)
    await state.set_data({"id": secrets.token_hex(4), "photos": [], "editing": False})


def draft_of(data: dict[str, Any]) -> IdeaDraft:
    """The service's IdeaDraft from FSM data."""
    return IdeaDraft(
        topic=data.get("topic", ""),
        district=data.get("district", ""),
        text=data.get("text", ""),
        photos=tuple(data.get("photos") or ()),
        latitude=data.get("lat"),
        longitude=data.get("lon"),
    )


def profile_district(user: User) -> str | None:
    """The profile's district when it is a place an idea can be about."""
    return user.district if user.district in IDEA_DISTRICTS else None


def goes_to_platform() -> str:
    """Where an idea handed in here ends up: the city's idea platform."""
    # Translators: "DuisbürgerIdeen" is the name of the city's idea platform; keep it as is.
    return _("Your idea goes to DuisbürgerIdeen, the city's idea platform.")


def topic_question() -> tuple[str, InlineKeyboardMarkup]:
    """Step 1."""
    text = "\n".join(
        (
            _("<b>Hand in an idea</b>"),
            goes_to_platform(),
            _("What is your idea about? Choose a topic."),
            _("Send /cancel to stop."),
        )
    )
    return text, keyboards.topic_keyboard()


def district_question(user: User) -> tuple[str, InlineKeyboardMarkup]:
    """Step 2: the profile's district comes first and is marked."""
    text = _("Which part of Duisburg is it about? Choose a district or the whole city.")
    preset = profile_district(user)
    if preset:
        text += "\n" + _("📍 marks the district from your profile.")
    return text, keyboards.district_keyboard(preset)


def text_question() -> str:
    """Step 3."""
    return ngettext(
        "Describe your idea in your own words, in any language ({minimum}–{maximum} character).",
        "Describe your idea in your own words, in any language ({minimum}–{maximum} characters).",
        TEXT_MAX,
    ).format(minimum=TEXT_MIN, maximum=TEXT_MAX)


def photos_question(count: int) -> tuple[str, InlineKeyboardMarkup]:
    """Step 4: optional photos."""
    if count == 0:
        text = ngettext(
            "Would you like to add a photo? Send up to {limit} photo, or tap Skip.",
            "Would you like to add photos? Send up to {limit} photos, or tap Skip.",
            MAX_PHOTOS,
        ).format(limit=MAX_PHOTOS)
        return text, keyboards.skip_keyboard("photos_done", _("Skip"))
    text = _("Photo {count} of {limit} saved. Send another one, or tap Done.").format(
        count=count, limit=MAX_PHOTOS
    )
    return text, keyboards.skip_keyboard("photos_done", _("Done"))


def location_question() -> tuple[str, InlineKeyboardMarkup]:
    """Step 5: optional location pin."""
    text = _("Is there a particular place? Share a location (📎 → Location), or tap Skip.")
    return text, keyboards.skip_keyboard("location_done", _("Skip"))


def preview_text(data: dict[str, Any]) -> str:
    """The whole idea as staff will see it, before sending."""
    photos = len(data.get("photos") or [])
    lines = [
        _("<b>Check your idea</b>"),
        _("Topic: {topic}").format(topic=escape(topic_label(data["topic"]))),
        _("Place: {place}").format(place=escape(keyboards.place_label(data["district"]))),
        _("Photos: {count}").format(count=photos),
        _("Location: {answer}").format(answer=_("yes") if data.get("lat") is not None else _("no")),
        "",
        f"<blockquote>{escape(data['text'])}</blockquote>",
        "",
        _("Send it to the city, change something, or cancel."),
    ]
    return "\n".join(lines)


def limit_text(limit: int) -> str:
    """The daily limit is reached."""
    return ngettext(
        "You have already handed in {limit} idea today. Thank you! "
        "Please send your next idea tomorrow.",
        "You have already handed in {limit} ideas today. Thank you! "
        "Please send your next idea tomorrow.",
        limit,
    ).format(limit=limit)
