"""Building the meetings list and card screens (shared by the menu, deep links and notices)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.ideas import place_label
from bot.keyboards.meetings import card_keyboard, list_keyboard, outcome_keyboard, past_keyboard
from bot.presentation.meetings import card_text, facts, laid_out, list_label
from bot.presentation.outcomes import outcome_text
from bot.services.clock import Clock
from bot.services.meetings import lifecycle as meetings
from bot.services.meetings import outcomes
from bot.services.meetings import registration as meeting_registration

if TYPE_CHECKING:
    from db.models import User

LIST_MAX = 20
DEEP_LINK = "m"  # t.me/<bot>?start=m<id>


def language() -> str:
    """The interface language of the current update."""
    return get_i18n().current_locale


async def list_view(
    session: AsyncSession, clock: Clock, settings: Settings, user: User, district: str
) -> tuple[str, InlineKeyboardMarkup]:
    """Upcoming meetings (own district first, or one district), as buttons."""
    found = await meetings.upcoming_for(session, clock, user, district or None)
    lang = language()
    labels = [(m, list_label(m, lang, settings.zone)) for m in found[:LIST_MAX]]
    title = "<b>" + _("Upcoming meetings") + "</b>"
    if district:
        title += " · " + place_label(district)
    if not found:
        title += "\n\n" + _("No upcoming meetings at the moment.")
    else:
        title += "\n\n" + _("Tap a meeting to see the details and to register.")
    return title, list_keyboard(labels, district)


async def card_view(
    session: AsyncSession, clock: Clock, settings: Settings, user: User, meeting_id: int
) -> tuple[str, InlineKeyboardMarkup] | None:
    """The card of a published upcoming meeting with the resident's buttons, else None."""
    meeting = await meetings.visible(session, clock, meeting_id)
    if meeting is None:
        return await past_view(session, settings, meeting_id)
    seat = await meeting_registration.seat(session, meeting, user)
    return card_text(meeting, seat, language(), settings.zone), card_keyboard(meeting, seat)


async def past_view(
    session: AsyncSession, settings: Settings, meeting_id: int
) -> tuple[str, InlineKeyboardMarkup] | None:
    """A meeting that has taken place and whose outcome was sent: its facts and the button to
    read what came out of it; else None."""
    found = await outcomes.readable(session, meeting_id)
    if found is None:
        return None
    lang = language()
    text = "\n".join(
        [*facts(found[0], lang, settings.zone), "", _("This meeting has taken place.")]
    )
    return laid_out(text, lang), past_keyboard(meeting_id)


async def outcome_view(
    session: AsyncSession, settings: Settings, meeting_id: int
) -> tuple[str, InlineKeyboardMarkup] | None:
    """What came out of a meeting, in the reader's language (German as the fallback)."""
    found = await outcomes.readable(session, meeting_id)
    if found is None:
        return None
    meeting, outcome = found
    lang = language()
    text = meetings.text_of(outcome.texts, lang)
    base = settings.dashboard_url
    link = (
        base.rstrip("/") + outcomes.public_path(meeting_id) + f"?lang={lang}"
        if base and outcome.public
        else None
    )
    return outcome_text(meeting, text, lang, settings.zone, link), outcome_keyboard(meeting_id)


def link_id(payload: str | None) -> int | None:
    """The meeting id of a deep-link payload 'm42', else None."""
    number = (payload or "")[1:]
    # ASCII digits only ("m²" passes isdigit()), and few enough for an INTEGER id.
    if payload and payload.startswith(DEEP_LINK) and number.isascii() and number.isdigit():
        return int(number) if len(number) < 10 else 0
    return None


async def link_view(
    session: AsyncSession, clock: Clock, settings: Settings, user: User, payload: str
) -> tuple[str, InlineKeyboardMarkup]:
    """The card a poster's link points to; a missing or cancelled one gives the list instead."""
    meeting_id = link_id(payload)
    view = await card_view(session, clock, settings, user, meeting_id or 0)
    if view is not None:
        return view
    text, markup = await list_view(session, clock, settings, user, "")
    return _("Sorry, this meeting is no longer available.") + "\n\n" + text, markup
