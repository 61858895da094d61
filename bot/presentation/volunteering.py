"""Texts of the volunteering relay, for handlers and the CLI: relayed messages and notices."""

from __future__ import annotations

from html import escape
from typing import Any

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import VolunteerRelayCb
from bot.services.bidi import isolate
from bot.services.locale import resolve_language
from bot.services.text_length import utf16_len
from bot.services.volunteering.conversations import Conversation, Render
from bot.services.volunteering.opportunities import text_of
from bot.services.volunteering.relay_translation import RelayText

TEXT_LIMIT = 4096  # Telegram's, in UTF-16 units


def resident_language(conversation: Conversation, default: str) -> str:
    """The interface language the resident reads."""
    resident = conversation.resident
    return resolve_language(resident.language, resident.telegram_language, default)


def _title(conversation: Conversation, language: str) -> str:
    return escape(text_of(conversation.opportunity.title, language.split("@")[0]))


def relayed_body(text: RelayText, room: int) -> str:
    """The message as the reader gets it (HTML, call in the reader's locale): the machine
    translation with the original below, collapsed; or the original, with a note when a
    translation was wanted but could not be made (or does not fit in `room`)."""
    original = escape(text.original)
    unavailable = "\n\n<i>🌐 " + escape(_("Translation unavailable.")) + "</i>"
    if text.translated is None:
        return original + unavailable if text.unavailable else original
    note = _("Machine translation ({provider}). Original:").format(provider=text.translated.label)
    body = (
        f"{escape(text.translated.text)}\n\n🌐 <i>{escape(note)}</i>\n"
        f"<blockquote expandable>{isolate(original)}</blockquote>"
    )
    return body if utf16_len(body) <= room else original + unavailable


def to_resident(i18n: I18n, default: str, text: RelayText) -> Render:
    """A team member's message, in the resident's language, with Answer and End buttons."""

    def render(conversation: Conversation) -> dict[str, Any]:
        language = resident_language(conversation, default)
        with i18n.context(), i18n.use_locale(language):
            heading = _("💬 <b>{organisation}</b> about “{title}”:").format(
                organisation=escape(conversation.org.name), title=_title(conversation, language)
            )
            builder = InlineKeyboardBuilder()
            interest = conversation.interest.id
            builder.button(
                text="↩️ " + _("Answer"), callback_data=VolunteerRelayCb(id=interest, action="reply")
            )
            builder.button(
                text="✖️ " + _("End"), callback_data=VolunteerRelayCb(id=interest, action="end")
            )
            markup = builder.as_markup().model_dump(exclude_none=True)
            body = relayed_body(text, TEXT_LIMIT - utf16_len(heading) - 2)
        return {"text": heading + "\n\n" + body, "reply_markup": markup}

    return render


def to_org(i18n: I18n, default: str, text: RelayText) -> Render:
    """The resident's answer in the inbox's language, marked with the tag to reply to."""

    def render(conversation: Conversation) -> dict[str, Any]:
        with i18n.context(), i18n.use_locale(default):
            heading = _("💬 Answer from #{tag} about “{title}”:").format(
                tag=conversation.interest.tag, title=_title(conversation, "de")
            )
            hint = _("Reply to this message to answer; reply /end to end the conversation.")
            room = TEXT_LIMIT - utf16_len(heading) - utf16_len(hint) - 4
            body = relayed_body(text, room)
        return {"text": f"{heading}\n\n{body}\n\n<i>{hint}</i>"}

    return render


def ended_by_org(i18n: I18n, default: str) -> Render:
    """The resident is told that the organisation ended the conversation."""

    def render(conversation: Conversation) -> dict[str, Any]:
        language = resident_language(conversation, default)
        with i18n.context(), i18n.use_locale(language):
            text = _("{organisation} ended the conversation about “{title}”.").format(
                organisation=escape(conversation.org.name), title=_title(conversation, language)
            )
        return {"text": text}

    return render


def ended_by_resident(i18n: I18n, default: str) -> Render:
    """The inbox is told that the resident ended the conversation."""

    def render(conversation: Conversation) -> dict[str, Any]:
        with i18n.context(), i18n.use_locale(default):
            text = _("#{tag} ended the conversation about “{title}”.").format(
                tag=conversation.interest.tag, title=_title(conversation, "de")
            )
        return {"text": text}

    return render


def org_removed(i18n: I18n, default: str) -> Render:
    """The resident is told that the organisation left and the conversation ended."""

    def render(conversation: Conversation) -> dict[str, Any]:
        language = resident_language(conversation, default)
        with i18n.context(), i18n.use_locale(language):
            text = _(
                "{organisation} no longer offers volunteering here. Your conversation about "
                "“{title}” has ended."
            ).format(
                organisation=escape(conversation.org.name), title=_title(conversation, language)
            )
        return {"text": text}

    return render


def org_removed_for_inbox(i18n: I18n, default: str) -> Render:
    """The organisation's inbox is told, per conversation, that the city removed it."""

    def render(conversation: Conversation) -> dict[str, Any]:
        with i18n.context(), i18n.use_locale(default):
            text = _(
                "{organisation} was removed from volunteering in the bot. The conversation with "
                "#{tag} about “{title}” has ended."
            ).format(
                organisation=escape(conversation.org.name), tag=conversation.interest.tag,
                title=_title(conversation, "de"),
            )  # fmt: skip
        return {"text": text}

    return render
