"""/mydata (a JSON file with everything stored) and /delete (asked twice, ideas kept or not).

/delete --> first question --Yes--> second question: what happens to published ideas
                           --No--> kept (nothing changed)
        second question --Delete everything--> erased (ideas deleted)
                        --Keep my ideas anonymous--> erased (ideas kept)
                        --No--> kept
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.filters import Command
from aiogram.fsm.context import FSMContext
from aiogram.fsm.storage.base import BaseStorage
from aiogram.types import BufferedInputFile, CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import get_i18n, ngettext
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import PrivacyCb
from bot.keyboards.common import main_menu_keyboard
from bot.presentation.erasure import erasure
from bot.presentation.mydata import headings
from bot.services.clock import Clock
from bot.services.personal_data import rights as personal_data
from bot.storage import conversations_in_redis, forget_conversations
from handlers.common import show

if TYPE_CHECKING:
    from db.models import User


async def my_data(
    message: Message, session: AsyncSession, clock: Clock, user: User, fsm_storage: BaseStorage,
    settings: Settings,
) -> None:  # fmt: skip
    """Send the JSON document: a table of contents in the person's language, then the sections."""
    sections = await personal_data.export(session, clock, user, settings.poll_key)
    document = {"created": sections.pop("created"), "contents": headings(), **sections}
    document["open_drafts"] += await conversations_in_redis(fsm_storage, user.telegram_id)
    # Votes have no section: nothing stored links them to the person, so say that instead.
    document["poll_votes"] = _(
        "Your poll votes are stored under a pseudonym, not your Telegram ID. So they are not "
        "linked to you and are not part of this file. Deleting your data deletes them too."
    )
    content = json.dumps(document, ensure_ascii=False, indent=2).encode()
    await message.answer_document(
        BufferedInputFile(content, filename="stadtstimme-my-data.json"),
        caption=_("Everything we store about you. Send /delete to erase it."),
    )


def first_keyboard() -> InlineKeyboardMarkup:
    """Yes, continue · No."""
    builder = InlineKeyboardBuilder()
    builder.button(text=_("Yes, continue"), callback_data=PrivacyCb(action="del2"))
    builder.button(text=_("No, keep my data"), callback_data=PrivacyCb(action="keep"))
    builder.adjust(1)
    return builder.as_markup()


def second_keyboard() -> InlineKeyboardMarkup:
    """Delete everything · Keep my ideas anonymous · No."""
    builder = InlineKeyboardBuilder()
    builder.button(text="🗑 " + _("Delete everything"), callback_data=PrivacyCb(action="eraseall"))
    builder.button(text=_("Keep my ideas anonymous"), callback_data=PrivacyCb(action="eraseanon"))
    builder.button(text=_("No, keep my data"), callback_data=PrivacyCb(action="keep"))
    builder.adjust(1)
    return builder.as_markup()


async def delete_command(message: Message) -> None:
    """First question."""
    text = _(
        "Do you want to delete all your data: profile, settings, ideas, supports, reports, "
        "meeting registrations and poll votes?"
    )
    await message.answer(text, reply_markup=first_keyboard())


async def second_question(callback: CallbackQuery) -> None:
    """Second question, with the choice for published ideas."""
    text = _(
        "Last question: this cannot be undone. Your published ideas can be deleted too, or stay "
        "visible without any link to you."
    )
    await show(callback, text, second_keyboard())


async def keep(callback: CallbackQuery) -> None:
    """Nothing changes."""
    await show(callback, _("Okay, nothing was deleted."), main_menu_keyboard())


async def erase(
    callback: CallbackQuery,
    callback_data: PrivacyCb,
    state: FSMContext,
    session: AsyncSession,
    user: User,
    settings: Settings,
    clock: Clock,
    fsm_storage: BaseStorage,
) -> None:
    """Erase the presser's data (only ever the presser's: `user` is the sender's row)."""
    await state.clear()
    anonymous = callback_data.action == "eraseanon"
    how = erasure(get_i18n(), settings, clock)
    kept = await personal_data.erase(session, user, how, keep_public_ideas=anonymous)
    await forget_conversations(fsm_storage, user.telegram_id)
    text = _("All your data has been deleted. Send /start to begin again.")
    if kept:
        text += "\n" + ngettext(
            "{count} published idea stays visible without your name.",
            "{count} published ideas stay visible without your name.",
            kept,
        ).format(count=kept)
    await show(callback, text, None)


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.message.register(my_data, Command("mydata"))
    router.message.register(delete_command, Command("delete"))
    router.callback_query.register(second_question, PrivacyCb.filter(F.action == "del2"))
    router.callback_query.register(keep, PrivacyCb.filter(F.action == "keep"))
    router.callback_query.register(erase, PrivacyCb.filter(F.action.in_({"eraseall", "eraseanon"})))
    return router
