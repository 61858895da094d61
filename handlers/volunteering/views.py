"""What residents and organisations read: the list, the card, the inbox card of an interest."""

from __future__ import annotations

from datetime import datetime, tzinfo
from html import escape
from typing import TYPE_CHECKING

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import get_i18n, ngettext
from aiogram.utils.i18n import gettext as _
from babel.dates import format_date, format_time
from babel.lists import format_list
from babel.numbers import format_decimal
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.i18n import language_here
from bot.keyboards.callbacks import VolunteerListCb
from bot.keyboards.ideas import place_label
from bot.keyboards.profile import topic_list
from bot.keyboards.volunteering import card_keyboard, frequency_label, list_keyboard, pick_keyboard
from bot.services.clock import Clock
from bot.services.locale import base_language, content_language
from bot.services.text_length import clip
from bot.services.vocabulary import OpportunityKind
from bot.services.volunteering import interests
from bot.services.volunteering.interests import Card
from bot.services.volunteering.opportunities import (
    Filters,
    for_resident,
    languages_of,
    text_of,
    topics_of,
    visible,
)

if TYPE_CHECKING:
    from db.models import User, VolunteerOpportunity, VolunteerOrg

PAGE = 6
LABEL_MAX = 48
DEEP_LINK = "v"


def language() -> str:
    """The content language of the current update ("de" for German with "du")."""
    return content_language(get_i18n().current_locale)


def spoken_by(user: User) -> set[str]:
    """The languages a resident reads: the interface's and Telegram's."""
    found = {language()}
    telegram = base_language(user.telegram_language)
    return found | {telegram} if telegram else found


def _date(moment: datetime, zone: tzinfo, *, with_time: bool = False) -> str:
    local = moment.astimezone(zone)
    day = format_date(local, "long", locale=language())
    if not with_time:
        return day
    # Translators: how a date and a time go together, e.g. "Thursday, 3 December 2026, 18:00".
    return _("{date}, {time}").format(date=day, time=format_time(local, "short", locale=language()))


async def list_view(
    session: AsyncSession, clock: Clock, user: User, state: VolunteerListCb
) -> tuple[str, InlineKeyboardMarkup]:
    """The list (a page of it) under the chosen filters, or a filter's choices."""
    title = "🤝 <b>" + _("Volunteering") + "</b>"
    if state.pick in ("d", "t"):
        ask = _("Which district?") if state.pick == "d" else _("Which topic?")
        return title + "\n\n" + ask, pick_keyboard(state)
    filters = Filters(state.district, state.freq, state.mine, state.topic)
    found = await for_resident(
        session, clock, district=user.district, languages=spoken_by(user), filters=filters
    )
    shown = found[state.page * PAGE : (state.page + 1) * PAGE]
    entries = [(o.id, clip(text_of(o.title, language()), LABEL_MAX)) for o, _org in shown]
    intro = _(
        "Help out in your neighbourhood. Opportunities in your district and in your language "
        "come first."
    )
    if not found:
        hint = _("No opportunities match these filters right now. Try other filters.")
    else:
        hint = _("Tap an opportunity to see the details.")
    more = len(found) > (state.page + 1) * PAGE
    return f"{title}\n\n{intro}\n\n{hint}", list_keyboard(entries, state, more)


def _hours(hours: float) -> str:
    number = format_decimal(hours, locale=language())
    # The plural form of a fraction (1.5) is the one of the next whole number in most languages.
    count = int(hours) if hours.is_integer() else int(hours) + 1
    text = ngettext("about {hours} hour a week", "about {hours} hours a week", count)
    return text.format(hours=number)


def card_text(
    opportunity: VolunteerOpportunity, org: VolunteerOrg, taken: int, zone: tzinfo
) -> str:
    """Everything a resident needs to decide, in their language where the organisation gave it."""
    lang = language()
    lines = [f"<b>{escape(text_of(opportunity.title, lang))}</b>", escape(org.name)]
    description = text_of(opportunity.description, lang)
    if description:
        lines += ["", escape(description)]
    lines.append("")
    lines.append("📍 " + place_label(opportunity.district))
    kind = frequency_label(opportunity.kind)
    if opportunity.kind == OpportunityKind.ONCE and opportunity.starts_at is not None:
        kind += ": " + _date(opportunity.starts_at, zone, with_time=True)
    if opportunity.hours_per_week is not None:
        kind += ", " + _hours(opportunity.hours_per_week)
    lines.append("🔁 " + kind)
    when = text_of(opportunity.when_text, lang)
    if when:
        lines.append("🕒 " + escape(when))
    names = [language_here(code) for code in languages_of(opportunity)]
    spoken = format_list(names, locale=lang)
    lines.append("🗣 " + _("The team speaks: {languages}").format(languages=spoken))
    if opportunity.min_age is not None:
        lines.append("🎂 " + _("From {age} years").format(age=opportunity.min_age))
    accessibility = text_of(opportunity.accessibility, lang)
    if accessibility:
        lines.append("♿ " + escape(accessibility))
    if topics_of(opportunity):
        lines.append("🏷 " + topic_list(topics_of(opportunity)))
    if opportunity.places is not None:
        left = opportunity.places - taken
        places = (
            ngettext("{count} place left", "{count} places left", left).format(count=left)
            if left > 0
            else _("All places are taken – your interest goes on the waiting list.")
        )
        lines.append("👥 " + places)
    if opportunity.valid_until is not None:
        until = _date(opportunity.valid_until, zone)
        lines.append("⏳ " + _("Open until {date}").format(date=until))
    for icon, value in (("🌐", org.website), ("✉️", org.contact)):
        if value:
            lines.append(f"{icon} {escape(value)}")
    return "\n".join(lines)


async def card_view(
    session: AsyncSession, clock: Clock, settings: Settings, user: User, opportunity_id: int
) -> tuple[str, InlineKeyboardMarkup] | None:
    """The card of a current opportunity with the resident's buttons; None if it is gone."""
    found = await visible(session, clock, opportunity_id)
    if found is None:
        return None
    opportunity, org = found
    mine = await interests.of(session, opportunity_id, user)
    text = card_text(
        opportunity, org, await interests.count(session, opportunity_id), settings.zone
    )
    if mine is not None:
        text += "\n\n✅ " + _(
            "You told the organisation you are interested (your tag: {tag})."
        ).format(tag=mine.tag)
    return text, card_keyboard(opportunity_id, mine is not None)


def link_id(payload: str | None) -> int | None:
    """The opportunity id of a deep-link payload 'v42', else None."""
    number = (payload or "")[1:]
    if payload and payload.startswith(DEEP_LINK) and number.isascii() and number.isdigit():
        return int(number) if len(number) < 10 else 0
    return None


def inbox_card(card: Card, message: str, languages: list[str], contact: str | None) -> str:
    """The card an organisation gets (in the inbox's language): never the Telegram id unless
    the resident shared the contact."""
    lines = ["🤝 <b>" + _("New interest in volunteering") + "</b>"]
    if card.for_staff_chat:
        lines.append(_("For the organisation: {name}").format(name=escape(card.org.name)))
    title = text_of(card.opportunity.title, "de")
    lines.append(_("Opportunity: {title}").format(title=escape(title)))
    if card.waiting_list:
        lines.append(_("All places are taken: this person is on the waiting list."))
    spoken = format_list([language_here(code) for code in languages], locale=language())
    lines.append(_("Speaks: {languages}").format(languages=spoken))
    lines.append(_("Tag: #{tag}").format(tag=card.tag))
    lines += ["", escape(message) if message else _("(no message)")]
    if contact:
        shared = _("Contact shared by the person: {contact}").format(contact=escape(contact))
        lines += ["", "📇 " + shared]
    else:
        hidden = _("The person did not share their contact. Their Telegram account stays hidden.")
        lines += ["", hidden]
    return "\n".join(lines)
