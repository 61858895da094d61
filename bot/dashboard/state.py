"""The dashboard's state, created once per process and kept on the aiohttp application."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import jinja2
from aiohttp import web
from babel.support import NullTranslations
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.config import Settings
from bot.dashboard.access import Route
from bot.dashboard.telegram_photos import PhotoUpload
from bot.services.clock import Clock
from bot.services.ideas.decisions import CommentNotice
from bot.services.ideas.moderation import CardRefresh
from bot.services.meetings.lifecycle import NoticeRenderer as MeetingNoticeRenderer
from bot.services.meetings.renderer import OutcomeRenderer
from bot.services.polls.closing import ResultsRenderer
from bot.services.translation.engine import Translator

UI_LANGUAGES = ("de", "en")


@dataclass(frozen=True)
class FilterGroup:
    """One kind of audience filter as the chat's wizard names it, with its values' labels."""

    kind: str
    label: str
    choices: list[tuple[str, str]]  # (code, label)


# The audience filters in a staff member's language (the chat's own labels).
AudienceLabels = Callable[[str], list[FilterGroup]]
# A text in a language as its readers get it: (text, language, machine-made) -> with the note.
WithNote = Callable[[str, str, bool], str]


@dataclass(frozen=True)
class Renderers:
    """The chat's own texts for what the dashboard's actions send to residents."""

    # The resident's notice about a staff decision, in their language, with the comment's
    # machine translation (or the note that there is none).
    idea_notice: CommentNotice
    # A poll's results message, when it is closed with "push results".
    poll_results: ResultsRenderer
    # A meeting's change or cancellation notice.
    meeting_notice: MeetingNoticeRenderer
    # The idea's card in the staff chat after a decision here: its "Last change" lines kept
    # with the idea, its edit queued through the outbox.
    idea_card: CardRefresh
    # The announcement form's filters, named as in /announce.
    audience: AudienceLabels
    # What came out of a meeting, sent to those registered and the district's subscribers.
    meeting_outcome: OutcomeRenderer
    # A machine-made version with the "machine-translated" note its readers see below it.
    with_note: WithNote


@dataclass(frozen=True)
class Dashboard:
    """What every page needs, created once per process (nothing at import)."""

    settings: Settings
    clock: Clock
    session_factory: async_sessionmaker[AsyncSession]
    texts: Renderers
    # TRANSLATE_PROVIDER's client (None: nothing is sent anywhere): staff comments to authors,
    # an outcome's, an announcement's and an information page's missing languages.
    translator: Translator | None
    templates: jinja2.Environment
    translations: dict[str, NullTranslations]
    routes: dict[object, Route]
    # Hands an announcement's uploaded photo to Telegram for its file_id (None: no Bot here,
    # so the form offers no photo).
    photo_upload: PhotoUpload | None = None
    # BOT_TOKEN, to fetch an idea's photos from Telegram for the browser (None: not shown).
    bot_token: str | None = None


DASHBOARD = web.AppKey("dashboard", Dashboard)


def dashboard_of(request: web.Request) -> Dashboard:
    """The dashboard behind a request."""
    return request.app[DASHBOARD]
