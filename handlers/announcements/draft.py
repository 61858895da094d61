"""The /announce draft: wizard states, the draft in FSM storage, and texts shared by its steps.

FSM data: {"id": draft id, "texts": {language: HTML}, "photo": file_id | None,
"audience": Audience JSON, "lang": language being written, "send_at": ISO UTC | None,
"machine": [languages whose version machine translation made]}.
"""

from __future__ import annotations

import secrets
from contextlib import suppress
from datetime import datetime
from html import escape
from typing import Any

from aiogram import Bot
from aiogram.exceptions import TelegramBadRequest
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from aiogram.utils.text_decorations import HtmlDecoration

from bot.config import LANGUAGES, Settings
from bot.filters import HasRole
from bot.i18n import language_here
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import AnnounceCb
from bot.keyboards.common import back
from bot.presentation.machine_note import current_version_question, machine_line, with_note
from bot.services.audience import Audience
from bot.services.campaigns.lifecycle import CampaignError, Draft
from bot.services.vocabulary import StaffRole

OTHER_LANGUAGES = tuple(code for code in LANGUAGES if code != "de")
# Every wizard handler re-checks the role at the moment of the message or press.
EDITOR = HasRole(StaffRole.EDITOR)


class AnnounceFlow(StatesGroup):
    """Steps of the announcement wizard."""

    text = State()
    languages = State()
    translation = State()
    audience = State()
    preview = State()
    schedule = State()


class _EscapedLinks(HtmlDecoration):
    """aiogram's HTML, with link targets escaped: `?a=1&b=2` is valid Telegram HTML then."""

    def link(self, value: str, link: str) -> str:
        return super().link(value, escape(link, quote=True))


def staff_html(message: Message) -> str:
    """The text or caption as Telegram HTML, formatting kept, surrounding space trimmed."""
    text = message.text or message.caption or ""
    entities = message.entities or message.caption_entities or []
    return _EscapedLinks().unparse(text, entities).strip()


async def new_draft(state: FSMContext) -> None:
    """Start an empty draft at the first step."""
    await state.set_state(AnnounceFlow.text)
    await state.set_data(
        {"id": secrets.token_hex(4), "texts": {}, "photo": None, "audience": Audience().to_json()}
    )


def languages_text(data: dict[str, Any]) -> str:
    """The language step: which versions exist."""
    texts = data["texts"]
    added = [language_here(code) for code in OTHER_LANGUAGES if code in texts]
    lines = [
        _("<b>Language versions</b>"),
        _(
            "The German text is saved. You can add the announcement in other languages: "
            "people get the version in their language if there is one, "
            "everyone else the German one."
        ),
    ]
    if added:
        lines.append(_("Added: {languages}").format(languages=", ".join(added)))
    if machine_of(data):
        lines.append(machine_line(machine_of(data)))
    lines.append(_("Tap a language to add or replace its text, or tap Continue."))
    return "\n\n".join(lines)


def translation_question(
    code: str, photo: bool, *, existing: bool = False
) -> tuple[str, InlineKeyboardMarkup]:
    """Ask for one language's text (its caption, for a photo), with a way back."""
    # "Version: Turkish" rather than "in Turkish": a bare name is grammatical in every language
    version = _("Version: {language}").format(language=language_here(code))
    if existing:
        ask = current_version_question()
    elif photo:
        ask = _("Send the caption of this version (formatting allowed).")
    else:
        ask = _("Send the text of this version (formatting allowed).")
    text = version + "\n" + ask
    builder = InlineKeyboardBuilder()
    builder.button(text=back(_("Back")), callback_data=AnnounceCb(action="languages"))
    return text, builder.as_markup()


def machine_of(data: dict[str, Any]) -> set[str]:
    """The draft's versions machine translation made (and staff have not replaced)."""
    return set(data.get("machine") or ()) & set(data.get("texts") or ())


def audience_of(data: dict[str, Any]) -> Audience:
    """The draft's audience."""
    return Audience.from_json(data.get("audience") or "{}")


def paid_broadcast(settings: Settings) -> bool:
    """Whether campaigns are sent as paid broadcasts (PAID_BROADCAST_RATE > 0)."""
    return settings.paid_broadcast_rate > 0


def draft_of(data: dict[str, Any], settings: Settings) -> Draft:
    """The service's Draft from FSM data."""
    send_at = data.get("send_at")
    return Draft(
        texts=dict(data["texts"]),
        audience=audience_of(data),
        send_at=datetime.fromisoformat(send_at) if send_at else None,
        photo=data.get("photo"),
        paid=paid_broadcast(settings),
        machine=frozenset(machine_of(data)),
    )


def text_problem(error: CampaignError, *, caption: bool) -> str:
    """What is wrong with one language version, in the staff member's language."""
    details = error.details
    if error.code == "too_long" and caption:
        return ngettext(
            "The caption is {over} character too long: it has {length}, a photo caption may "
            "have at most {limit}. Please shorten it and send it again.",
            "The caption is {over} characters too long: it has {length}, a photo caption may "
            "have at most {limit}. Please shorten it and send it again.",
            details["over"],
        ).format(**details)
    if error.code == "too_long":
        return ngettext(
            "The text is {over} character too long: it has {length}, at most {limit} are "
            "allowed. Please shorten it and send it again.",
            "The text is {over} characters too long: it has {length}, at most {limit} are "
            "allowed. Please shorten it and send it again.",
            details["over"],
        ).format(**details)
    if error.code == "invalid_html":
        return _(
            "Telegram can't show this formatting ({reason}). "
            "Please remove it and send the text again."
        ).format(reason=escape(str(details.get("reason", ""))))
    if caption:
        return _("The photo needs a caption with the text. Please send it again with a caption.")
    return _("The text is empty. Please send the text of the announcement.")


def chat_id_of(callback: CallbackQuery) -> int:
    """The chat a button was pressed in (the private chat with the staff member)."""
    assert callback.message is not None
    return callback.message.chat.id


async def close(callback: CallbackQuery) -> None:
    """Remove the buttons of a finished step, so they can't be pressed twice."""
    if isinstance(callback.message, Message) and callback.message.reply_markup is not None:
        with suppress(TelegramBadRequest):  # already gone
            await callback.message.edit_reply_markup(reply_markup=None)


async def send_version(bot: Bot, chat_id: int, data: dict[str, Any], language: str) -> None:
    """One language version exactly as its recipients get it: the same text (or photo and
    caption) and formatting, nothing added."""
    text = with_note(data["texts"][language], language, language in machine_of(data))
    if data.get("photo"):
        await bot.send_photo(chat_id, photo=data["photo"], caption=text)
    else:
        await bot.send_message(chat_id, text)
