"""The staff card's "last change" lines after a decision, from the chat or the dashboard."""

from __future__ import annotations

from datetime import datetime, tzinfo
from html import escape

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.config import Settings
from bot.keyboards import ideas as keyboards
from bot.presentation.dates import when
from bot.presentation.ideas import translated_card
from bot.services.bidi import isolate
from bot.services.ideas.card_translation import StaffCard
from bot.services.ideas.moderation import CardRefresh, Decision
from db.models import Idea


def decision_lines(decision: Decision) -> list[str]:
    """What the staff card adds below the change: a decline's reason, the comment sent."""
    lines = []
    if decision.action == "decline":
        reason = keyboards.reason_label(decision.reason or "other")
        lines.append(_("Reason: {reason}").format(reason=escape(reason)))
    if comment := (decision.comment or "").strip():
        lines.append(_("Comment to the author: {comment}").format(comment=isolate(escape(comment))))
    return lines


def last_change(idea: Idea, decision: Decision, name: str, moment: datetime, zone: tzinfo) -> str:
    """Who set the current status, when (staff names: staff only), and what they added.
    `name` is plain text; it is escaped and isolated here."""
    line = _("Last change: {status} by {name}, {date}").format(
        status=escape(keyboards.status_label(idea.status)),
        name=isolate(escape(name)),  # a name in Arabic must not swallow the date
        date=when(moment, zone),
    )
    return "\n".join([line, *decision_lines(decision)])


def dashboard_card(i18n: I18n, settings: Settings) -> CardRefresh:
    """The card after a decision on the dashboard, in the staff chat's language: its "Last
    change" lines kept with the idea, its edit (stored translation and all) queued."""
    language = settings.default_language

    def note(idea: Idea, decision: Decision) -> str:
        with i18n.context(), i18n.use_locale(language):
            name = _("staff member {id} on the dashboard").format(id=decision.staff_id)
            return last_change(idea, decision, name, idea.updated_at, settings.zone)

    card = StaffCard(translated_card(i18n, settings), settings.translate_provider, language)
    return CardRefresh(note, card)
