"""Rendering helpers and texts shared by several handlers."""

from __future__ import annotations

from typing import Any

from aiogram.exceptions import TelegramBadRequest
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _

from bot.command_table import commands_for
from bot.i18n import RTL_LANGUAGES
from bot.keyboards.staff import role_label
from bot.services.bidi import isolate_ltr


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


def _dump(markup: InlineKeyboardMarkup | None) -> dict[str, Any] | None:
    # Models from an update and models we build differ in unset fields, not in content.
    return markup.model_dump(exclude_none=True) if markup is not None else None


def welcome_text() -> str:
    """What the bot is for, and the short privacy notice."""
    return "\n\n".join(
        (
            _("<b>Welcome to Stadtstimme!</b>"),
            _(
                "This is the participation bot of the City of Duisburg. "
                "Here you get information, hand in ideas and answer quick polls. "
                "The bot also reminds you of citizen forums (Bürgerforen)."
            ),
            privacy_notice(),
        )
    )


def privacy_notice() -> str:
    """The short privacy notice: what, why, how long, your rights."""
    return "\n".join(
        (
            "🔒 "
            + _(
                "<b>Your data:</b> we store your Telegram ID and your language. "
                "A profile (district, age group, topics) is optional: "
                "we store it only with your consent (Art. 6(1)(a) GDPR)."
            ),
            _(
                "For people under 16 we store no profile, since their consent would need a "
                "parent's (Art. 8 GDPR)."
            ),
            _(
                "Ideas you hand in, support or report and your meeting registrations are "
                "stored too; details under /privacy."
            ),
            _("Why: citizen participation is a public task of the city (Art. 6(1)(e) GDPR)."),
            _(
                "Poll votes are stored under a keyed hash of your Telegram ID, never the ID "
                "itself, together with your language and, with your consent, district and "
                "age group."
            ),
            # Translators: "Settings" and "Privacy" are the names of the buttons.
            _(
                "How long: until you delete your data, at the latest after 24 months "
                "without activity. You can see and delete everything under Settings → Privacy."
            ),
        )
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
        if role in ("moderator", "admin"):
            lines.append(
                _("Ideas are moderated with the buttons under their cards in the staff chat.")
            )
    # Translators: "Call Duisburg" is the name of the city's service hotline.
    hotline = _("Questions? City hotline Call Duisburg: 0203 94000. Email: {email}")
    return "\n".join((*lines, "", hotline.format(email="duisburg2027@stadt-duisburg.de")))
