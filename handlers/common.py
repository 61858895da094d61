"""Rendering helpers and texts shared by several handlers."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _

from bot.command_table import commands_for
from bot.i18n import RTL_LANGUAGES
from bot.keyboards.staff import role_label
from bot.services.bidi import isolate_ltr
from bot.services.vocabulary import StaffRole


async def show(
    callback: CallbackQuery, text: str, markup: InlineKeyboardMarkup | None = None
) -> None:
    """Replace the pressed message's content; send a new message if it can't be edited."""
    message = callback.message
    if isinstance(message, Message) and message.text is not None:
        if message.html_text == text and _dump(message.reply_markup) == _dump(markup):
            return  # the screen already shows this: Telegram would refuse the edit
        try:
            await message.edit_text(text, reply_markup=markup)
            return
        except TelegramBadRequest as error:
            if "not modified" in error.message:
                return
    if callback.message is not None:
        await callback.bot.send_message(callback.message.chat.id, text, reply_markup=markup)  # type: ignore[union-attr]


def _is_media(message: Message) -> bool:
    return bool(message.photo or message.document)


async def show_with_photo(
    callback: CallbackQuery,
    text: str,
    markup: InlineKeyboardMarkup | None,
    photo: str | None,
    *,
    fresh: bool = False,
) -> None:
    """`show` for a screen that may be a photo (a stored file id; "doc:" for an image sent as
    a file) with `text` as its caption. A media message only has its caption edited
    (editMessageText refuses it); a message can't turn from text into a photo or back, so then
    the new screen is sent and the old one deleted — as always with `fresh` (another photo)."""
    message = callback.message
    if not isinstance(message, Message) or (photo is None and not _is_media(message)):
        await show(callback, text, markup)
        return
    if photo is not None and _is_media(message) and not fresh:
        if message.html_text == text and _dump(message.reply_markup) == _dump(markup):
            return  # unchanged: Telegram would refuse the edit
        try:
            await message.edit_caption(caption=text, reply_markup=markup)
            return
        except TelegramBadRequest as error:
            if "not modified" in error.message:
                return
    if photo is None:
        await message.answer(text, reply_markup=markup)
    elif photo.startswith("doc:"):
        await message.answer_document(photo[4:], caption=text, reply_markup=markup)
    else:
        await message.answer_photo(photo, caption=text, reply_markup=markup)
    with suppress(TelegramBadRequest):  # past 48 hours Telegram keeps the old screen: no harm
        await message.delete()


def _dump(markup: InlineKeyboardMarkup | None) -> dict[str, Any] | None:
    # Models from an update and models we build differ in unset fields, not in content.
    return markup.model_dump(exclude_none=True) if markup is not None else None


def welcome_text() -> str:
    """The first message: what the bot is for and the privacy summary, one phone screen."""
    return "\n\n".join(
        (
            _("<b>Welcome to Stadtstimme!</b>"),
            _(
                "The participation bot of the City of Duisburg: information, ideas, quick polls "
                "and reminders of meetings."
            ),
            privacy_summary(),
        )
    )


def privacy_summary() -> str:
    """What is stored in one sentence, where to see and delete it, where the details are."""
    # Kept under 400 characters together with the welcome (tests/unit/test_privacy_texts.py).
    return "🔒 " + _(
        "We store your Telegram ID, your language and what you do here, such as ideas and votes. "
        "/mydata shows it, /delete deletes it. Details: /privacy"
    )


def command_line(command: str, description: str) -> str:
    """One help line; right-to-left languages put the description first so the line reads RTL.

    There the command is isolated: plain "/privacy" after Arabic text shows as "privacy/".
    """
    if get_i18n().current_locale in RTL_LANGUAGES:
        return f"{description} – {isolate_ltr(command)}"
    return f"{command} – {description}"


def main_menu_text() -> str:
    """Heading of the main menu."""
    return _("<b>Main menu</b>\nWhat would you like to do?")


def help_text(role: str | None = None) -> str:
    """Short help: commands for everyone, then those the staff role allows (bot.command_table)."""
    lines = [
        _("<b>Help</b>"),
        _("Use the buttons under the messages. You can also send these commands:"),
    ]
    lines += [command_line("/" + e.command, str(e.description)) for e in commands_for(None)]
    if role is not None:
        lines += ["", _("<b>For staff</b> (your role: {role})").format(role=role_label(role))]
        staff_commands = [e for e in commands_for(role) if e.role is not None]
        lines += [command_line("/" + e.command, str(e.description)) for e in staff_commands]
        if role in (StaffRole.MODERATOR, StaffRole.ADMIN):
            lines.append(
                _("Ideas are moderated with the buttons under their cards in the staff chat.")
            )
    # Translators: "Call Duisburg" is the name of the city's service hotline.
    hotline = _("Questions? City hotline Call Duisburg: 0203 94000. Email: {email}")
    return "\n".join((*lines, "", hotline.format(email="duisburg2027@stadt-duisburg.de")))
