"""The message that tells residents what came out of a meeting (and its screen in the bot)."""

from __future__ import annotations

from datetime import tzinfo
from html import escape
from typing import Any

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.presentation.meetings import facts, laid_out, staff_text
from bot.services.meetings.renderer import OutcomeRenderer
from db.models import Meeting


def outcome_text(meeting: Meeting, text: str, language: str, zone: tzinfo,
                 link: str | None) -> str:  # fmt: skip
    """Heading, the meeting's facts, what staff wrote, and the public page when published."""
    lines = [
        "📝 <b>" + _("What came out of this meeting") + "</b>",
        "",
        *facts(meeting, language, zone),
    ]
    lines += ["", staff_text(text, language)]
    if link:
        lines += ["", _("Also on the web: {link}").format(link=escape(link))]
    return laid_out("\n".join(lines), language)


def outcome_renderer(i18n: I18n, zone: tzinfo) -> OutcomeRenderer:
    """The renderer the outcome use case queues each person's message with."""

    def render(meeting: Meeting, text: str, language: str, link: str | None) -> dict[str, Any]:
        with i18n.context(), i18n.use_locale(language):
            return {
                "text": outcome_text(meeting, text, language, zone, link),
                "link_preview_options": {"is_disabled": True},
            }

    return render
