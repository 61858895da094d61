"""Poll and meeting statuses in words: the chat's staff views and the dashboard's pages say the
same (the dashboard passes its page's gettext)."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _

from bot.keyboards.profile import Gettext
from bot.services.vocabulary import MeetingStatus, PollStatus


def poll_status_label(status: PollStatus | str, gettext: Gettext = _) -> str:
    """scheduled, open or closed, in words."""
    labels: dict[str, str] = {
        PollStatus.SCHEDULED: gettext("scheduled"),
        PollStatus.OPEN: gettext("open"),
        PollStatus.CLOSED: gettext("closed"),
    }
    return labels.get(status, status)


def meeting_status_label(status: MeetingStatus | str, gettext: Gettext = _) -> str:
    """draft, published or cancelled, in words."""
    labels: dict[str, str] = {
        MeetingStatus.DRAFT: gettext("draft"),
        MeetingStatus.PUBLISHED: gettext("published"),
        MeetingStatus.CANCELLED: gettext("cancelled"),
    }
    return labels.get(status, status)
