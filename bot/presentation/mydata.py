"""The headings of the /mydata file, in the person's language (the keys stay English)."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _


def headings() -> dict[str, str]:
    """What each section of the file holds; one entry per section, and one for poll votes."""
    return {
        "profile": _("Your profile"),
        "consents": _("Your consents"),
        "announcement_settings": _("Your announcement settings"),
        "language_offers": _("Languages we offered to switch to"),
        "retention_warning": _("Warning before deletion after long inactivity"),
        "ideas": _("Your ideas"),
        "idea_history": _("What happened to your ideas, with staff comments"),
        "idea_translations": _("Machine translations of your ideas and of staff comments"),
        "supports": _("Ideas you support"),
        "reports": _("Ideas you reported"),
        "messages_to_you": _("Messages to you, by delivery status"),
        "polls_sent_to_you": _("Polls sent to you"),
        "open_drafts": _("Unfinished entries (drafts)"),
        "meeting_registrations": _("Your meeting registrations"),
        "meeting_reminders": _("Your meeting reminders"),
        "meeting_subscription": _("New meetings you are told about"),
        "meeting_feedback": _("Your feedback on meetings"),
        "volunteer_interests": _("Volunteering opportunities you are interested in"),
        "volunteer_relays": _("Your conversations with volunteering organisations"),
        "volunteer_alerts": _("Notices of new volunteering opportunities"),
        "budget_proposals": _("Your proposals for the participatory budget"),
        "budget_supports": _("Proposals you support in the participatory budget"),
        "budget_ballots": _("Your ballots in the participatory budget"),
        "poll_votes": _("Your poll votes"),
    }
