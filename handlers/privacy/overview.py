"""Privacy: the full text, what is stored about me, and deleting everything.

The full text comes from `bot.presentation.privacy`, shown page by page (`handlers.privacy.view`).

notice --show--> stored data
      --delete--> confirm --yes--> deleted (state cleared)
                         --no--> notice
"""

from __future__ import annotations

from datetime import datetime
from html import escape
from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import BaseStorage
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.i18n import NATIVE_NAMES
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import MenuCb, PrivacyCb, PrivacyFrom, PrivacyPageCb
from bot.keyboards.profile import age_group_label, district_label, topic_list
from bot.presentation.dates import when
from bot.presentation.erasure import erasure
from bot.services.clock import Clock
from bot.services.personal_data import meetings as personal_data_meetings
from bot.services.users import UserService
from bot.storage import forget_conversations
from handlers.common import show
from handlers.privacy.view import add_data_buttons, origin_of, privacy_screen

if TYPE_CHECKING:
    from db.models import User


def notice_keyboard(origin: PrivacyFrom) -> InlineKeyboardMarkup:
    """The privacy text's data buttons, Back leading where the privacy text was opened from."""
    builder = InlineKeyboardBuilder()
    add_data_buttons(builder, origin)
    builder.adjust(1)
    return builder.as_markup()


async def privacy_command(message: Message, settings: Settings, user: User) -> None:
    """The first page of the privacy text."""
    text, markup = privacy_screen(
        settings.retention_months, 0, origin_of(user), settings.translate_provider
    )
    await message.answer(text, reply_markup=markup)


async def privacy_page(callback: CallbackQuery, settings: Settings, user: User) -> None:
    """The first page of the privacy text in place (Settings → Privacy, the welcome)."""
    await show(
        callback,
        *privacy_screen(settings.retention_months, 0, origin_of(user), settings.translate_provider),
    )


async def turn_page(
    callback: CallbackQuery, callback_data: PrivacyPageCb, settings: Settings
) -> None:
    """Another page of the privacy text, Back still leading where the reader came from."""
    screen = privacy_screen(
        settings.retention_months, callback_data.page, callback_data.origin,
        settings.translate_provider,
    )  # fmt: skip
    await show(callback, *screen)


async def show_data(
    callback: CallbackQuery, callback_data: PrivacyCb, users: UserService, user: User,
    settings: Settings, session: AsyncSession,
) -> None:  # fmt: skip
    """List everything stored about the presser."""
    data = await users.stored_data(user)
    meetings = await personal_data_meetings.summary(session, user)
    not_set = _("not set")

    def at(moment: datetime) -> str:
        return when(moment, settings.zone, time="medium")

    language = NATIVE_NAMES[data.language] if data.language else _("from your Telegram settings")
    # Translators: announcements are switched on ("Announcements: on").
    switched_on = _("on")
    # Translators: announcements are switched off ("Announcements: off").
    off = _("off")
    lines = [
        _("<b>What we store about you</b>"),
        _("Telegram ID: {id}").format(id=data.telegram_id),
        _("Language: {language}").format(language=escape(language)),
        _("Language of your Telegram app: {language}").format(
            language=NATIVE_NAMES[data.telegram_language] if data.telegram_language else not_set
        ),
        _("District: {district}").format(
            district=escape(district_label(data.district)) if data.district else not_set
        ),
        _("Age group: {age_group}").format(
            age_group=escape(age_group_label(data.age_group)) if data.age_group else not_set
        ),
        _("Topics: {topics}").format(
            topics=escape(topic_list(data.topics)) if data.topics else not_set
        ),
        _("Announcements: {status}").format(status=switched_on if data.announcements else off),
        _("Consent to the profile: {date}").format(
            date=at(data.profile_consent_at) if data.profile_consent_at else _("not given")
        ),
        _("First contact: {date}").format(date=at(data.created_at)),
        _("Last activity: {date}").format(date=at(data.last_seen_at)),
        # Translators: "Ideas" and "My ideas" are the names of the buttons.
        _("Ideas you handed in: {count} (see Ideas → My ideas)").format(count=data.ideas),
        _("Ideas you support: {count}").format(count=data.supports),
        _("Ideas you reported: {count}").format(count=data.reports),
        _("Meeting registrations (incl. waiting list): {count}").format(
            count=meetings.registrations
        ),
        # Translators: "New meetings" is the name of the button in Settings.
        _("New meetings: {district}").format(
            district=escape(district_label(meetings.subscription)) if meetings.subscription else off
        ),
        _("Meeting ratings you gave: {count}").format(count=meetings.ratings),
        _(
            "Poll votes: stored under a pseudonym, not your Telegram ID. With them your language "
            "and, if you agreed to the profile, district and age group at voting time."
        ),
    ]
    await show(callback, "\n".join(lines), notice_keyboard(callback_data.origin))


async def confirm_delete(callback: CallbackQuery, callback_data: PrivacyCb) -> None:
    """Ask once more before deleting; No returns to the privacy text, its Back unchanged."""
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Yes, delete everything"), callback_data=PrivacyCb(action="erase"))
    keep = PrivacyPageCb(page=0, origin=callback_data.origin)
    builder.button(text=_("No, keep my data"), callback_data=keep)
    builder.adjust(1)
    text = _("Do you really want to delete all your data? This cannot be undone.")
    await show(callback, text, builder.as_markup())


async def erase(
    callback: CallbackQuery, state: FSMContext, settings: Settings, users: UserService,
    user: User, fsm_storage: BaseStorage, clock: Clock,
) -> None:  # fmt: skip
    """Delete the resident, their poll votes and conversation state; their ideas leave the
    staff chat too (through the outbox, like every erasure)."""
    await state.clear()
    await users.delete(user, erasure(get_i18n(), settings, clock))
    await forget_conversations(fsm_storage, user.telegram_id)
    await show(callback, _("All your data has been deleted. Send /start to begin again."))


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.message.register(privacy_command, Command("privacy"))
    router.callback_query.register(privacy_page, MenuCb.filter(F.to == "privacy"))
    router.callback_query.register(turn_page, PrivacyPageCb.filter())
    router.callback_query.register(show_data, PrivacyCb.filter(F.action == "show"))
    router.callback_query.register(confirm_delete, PrivacyCb.filter(F.action == "delete"))
    router.callback_query.register(erase, PrivacyCb.filter(F.action == "erase"))
    return router
