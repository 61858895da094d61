"""Volunteering (Ehrenamt) for residents: browse, card, "I'm interested", notices of new ones.

`build_router` makes a new Router on each call (a process may build several Dispatchers).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.filters import Command, CommandStart, StateFilter
from aiogram.types import Message

from bot.filters import GroupChat, HasRole, StaffChat
from bot.keyboards.callbacks import (
    MenuCb,
    VolunteerAlertCb,
    VolunteerCb,
    VolunteerInboxCb,
    VolunteerListCb,
    VolunteerRelayCb,
)
from bot.services.users import current_privacy_version
from bot.services.vocabulary import StaffRole
from handlers.volunteering import alerts, browse, inbox, interest, relay
from handlers.volunteering.interest import InterestFlow
from handlers.volunteering.relay import RelayFlow

if TYPE_CHECKING:
    from db.models import User


async def plain_text(message: Message) -> bool:
    """Text that is not a command (/cancel, /menu go on to the features that handle them)."""
    return message.text is not None and not message.text.startswith("/")


async def not_a_command(message: Message) -> bool:
    """Anything but a command: text, a photo, a sticker …"""
    return not (message.text or "").startswith("/")


async def not_text(message: Message) -> bool:
    """A photo, sticker, voice message … instead of text."""
    return message.text is None


async def has_contact(message: Message) -> bool:
    """A shared contact (Telegram's request_contact button)."""
    return message.contact is not None


async def returning_resident(message: Message, user: User | None) -> bool:
    """Onboarded and has seen the current privacy notice (else /start greets first)."""
    return user is not None and user.onboarded and user.privacy_version >= current_privacy_version()


def build_router() -> Router:
    """The residents' volunteering handlers, in the order they are tried."""
    router = Router(name="volunteering")
    link = CommandStart(deep_link=True, magic=F.args.regexp(r"^v\d{1,12}$"))
    router.message.register(browse.deep_link, link, returning_resident)
    router.callback_query.register(browse.open_list, MenuCb.filter(F.to == "volunteering"))
    router.callback_query.register(browse.filtered_list, VolunteerListCb.filter())
    router.callback_query.register(alerts.open_alerts, MenuCb.filter(F.to == "volunteer_alerts"))
    router.callback_query.register(alerts.switch, VolunteerAlertCb.filter())
    router.callback_query.register(browse.card, VolunteerCb.filter(F.step == "card"))
    router.callback_query.register(
        interest.ask_what_to_share, VolunteerCb.filter(F.step == "interested")
    )
    router.callback_query.register(interest.ask_message, VolunteerCb.filter(F.step == "msg"))
    router.callback_query.register(interest.ask_contact, VolunteerCb.filter(F.step == "contact"))
    router.message.register(interest.got_contact, StateFilter(InterestFlow.contact), has_contact)
    router.message.register(interest.no_contact, StateFilter(InterestFlow.contact), not_a_command)
    router.message.register(interest.got_message, StateFilter(InterestFlow.message), plain_text)
    router.message.register(interest.not_text, StateFilter(InterestFlow.message), not_text)
    router.callback_query.register(relay.ask_answer, VolunteerRelayCb.filter(F.action == "reply"))
    router.callback_query.register(relay.end, VolunteerRelayCb.filter(F.action == "end"))
    router.message.register(relay.answer, StateFilter(RelayFlow.answer), plain_text)
    router.message.register(interest.not_text, StateFilter(RelayFlow.answer), not_text)
    return router


def build_inbox_router() -> Router:
    """The organisations' side in groups and the staff chat: replies to cards, /register_org,
    staff deciding which organisation a group belongs to."""
    router = Router(name="volunteering_inbox")
    groups = GroupChat()
    router.message.register(inbox.team_reply, groups, inbox.reply_to_a_card)
    router.message.register(inbox.register_org, Command("register_org"), groups)
    editor = HasRole(StaffRole.EDITOR)
    router.callback_query.register(
        inbox.not_editor, VolunteerInboxCb.filter(), StaffChat(), ~editor
    )
    router.callback_query.register(
        inbox.decide_inbox, VolunteerInboxCb.filter(), StaffChat(), editor
    )
    return router
