"""How a meeting use case asks its caller for a push message's text (services render nothing).

Its own module so every meeting module can name it without importing another's rules.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from db.models import Meeting


class MeetingNotice(StrEnum):
    """Which push message about a meeting a resident gets."""

    PUBLISHED = "published"  # new in the district they subscribed to
    CHANGED = "changed"  # time or place
    CANCELLED = "cancelled"
    PROMOTED = "promoted"  # from the waiting list to a place
    REMINDER = "reminder"
    FEEDBACK = "feedback"  # the rating question afterwards


# Renders a push message: (event, meeting, language, old values or None) → sendMessage params.
NoticeRenderer = Callable[[MeetingNotice, Meeting, str, dict[str, Any] | None], dict[str, Any]]


# Renders the outcome message: (meeting, outcome text in that language, language, public page
# link or None) → sendMessage params.
OutcomeRenderer = Callable[[Meeting, str, str, str | None], dict[str, Any]]
