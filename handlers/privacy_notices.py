"""The parts of /privacy on what ideas, meetings and polls store: what, why, how long."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _


def ideas_notice() -> str:
    """What ideas, supports and reports store: what, why, how long, how to delete."""
    return "\n".join(
        (
            _("<b>Ideas, supports and reports</b>"),
            _(
                "What: the text of your idea, its photos and location if you add them, "
                "topic, place, the detected language, the reference number and the status "
                "history; which ideas you support; which ideas you reported, and why."
            ),
            _(
                "Why: to handle your idea and tell you what happens to it (Art. 6(1)(e) GDPR). "
                "Ideas are published without your name; the city team sees only a pseudonym."
            ),
            # Translators: "Ideas", "My ideas", "Settings", "Privacy" are names of buttons.
            _(
                "How long: as long as your other data. You can withdraw an idea that is not "
                "decided yet under Ideas → My ideas. Deleting your data under Settings → "
                "Privacy also deletes your ideas, supports and reports."
            ),
        )
    )


def meetings_notice() -> str:
    """What meeting registrations, reminders, subscriptions and feedback store."""
    return "\n".join(
        (
            _("<b>Meetings</b>"),
            _(
                "What: the meetings you register for, with your status (registered, waiting "
                "list or cancelled) and since when; the reminders you chose and when they are "
                "due; the district whose new meetings you want to hear about; your rating and "
                "comment after a meeting."
            ),
            _(
                "Why: to keep your place, move you up from the waiting list, remind you and "
                "improve the meetings (Art. 6(1)(e) GDPR). The city team sees numbers and the "
                "average rating, never your name."
            ),
            # Translators: "Settings" and "New meetings" are the names of buttons.
            _(
                "How long: as long as your other data. You can cancel a registration or change "
                "reminders on the meeting's page, and stop messages about new meetings under "
                "Settings → New meetings. Deleting your data deletes all of this."
            ),
        )
    )


def polls_notice() -> str:
    """What a poll vote stores, and why it is not linked to the person."""
    return "\n".join(
        (
            _("<b>Polls</b>"),
            _(
                "What: your answer, stored under a keyed hash (HMAC) of the poll and your "
                "Telegram ID instead of the ID itself, with your language and, only with your "
                "consent to the profile, your district and age group; which polls were sent to "
                "you."
            ),
            _(
                "Why: one vote per person that you can change (Art. 6(1)(e) GDPR). Results show "
                "totals; breakdowns leave out groups of fewer than five people."
            ),
            _(
                "How long: as long as your other data. While a poll is open you can take your "
                "vote back in the poll. Deleting your data deletes your votes too."
            ),
        )
    )


def feature_notices() -> str:
    """The parts on ideas, meetings and polls, one after the other."""
    return "\n\n".join((ideas_notice(), meetings_notice(), polls_notice()))
