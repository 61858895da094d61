"""An audience in words, as announcement and poll previews show it to staff."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.keyboards.audience import filter_lines
from bot.services.audience import Audience


def audience_lines(audience: Audience) -> list[str]:
    """The audience in words: everyone, or one line per filter kind."""
    if audience.everyone:
        return [_("Audience: everyone who gets announcements")]
    return [_("Audience:"), *filter_lines(audience)]


def recipients_line(count: int) -> str:
    """How many people the audience reaches now; a warning when nobody."""
    line = _("Recipients right now: {count}").format(count=count)
    return line if count else line + "\n⚠️ " + _("Nobody matches this audience right now.")
