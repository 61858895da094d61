"""Saving an edit typed under /meetings: the service call, a hint on bad input, the new card."""

from __future__ import annotations

from typing import Any

from aiogram.types import Message
from aiogram.utils.i18n import get_i18n, ngettext
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.i18n import language_here
from bot.keyboards.meeting_edit import step_keyboard
from bot.presentation.meetings import card_text, notice_renderer
from bot.services.clock import Clock
from bot.services.meetings import edits as meeting_edits
from bot.services.meetings import managing
from bot.services.meetings.edits import CAPACITY_MAX, BelowRegistered, Edit, Outcome
from bot.services.meetings.lifecycle import TEXT_MAX, TITLE_MAX, MeetingError
from bot.services.meetings.registration import Seat, free_places
from bot.services.text_length import utf16_len
from handlers.meetings.staff.manage import manage_view

GONE = ("not_found",)  # the meeting was cancelled or is over meanwhile: leave the step


def hint(error: MeetingError, typed: str) -> str:
    """What to fix, in words an editor understands."""
    if isinstance(error, BelowRegistered):
        return ngettext(
            "{count} person is registered already, so there must be at least {count} place. "
            "Nobody loses their place.",
            "{count} people are registered already, so there must be at least {count} places. "
            "Nobody loses their place.",
            error.registered,
        ).format(count=error.registered)
    limit = TITLE_MAX if error.field == "title" else TEXT_MAX
    length = utf16_len(typed.strip())
    return {
        "empty": _("The text is empty. Please send the text."),
        "length": ngettext(
            "That is too long ({length} character); at most {limit}, please.",
            "That is too long ({length} characters); at most {limit}, please.",
            length,
        ).format(length=length, limit=limit),
        "missing": _("The German title is required; it can be changed but not removed."),
        "capacity": ngettext(
            "From 1 to {max} place, please – or tap No limit.",
            "From 1 to {max} places, please – or tap No limit.",
            CAPACITY_MAX,
        ).format(max=CAPACITY_MAX),
        "started": _("The meeting has started; the places can no longer be changed."),
    }.get(error.code, _("This meeting can't be changed any more."))


class Saver:
    """One editor's save, with everything it needs from the update."""

    def __init__(self, session: AsyncSession, clock: Clock, settings: Settings, actor: int):
        self.session, self.clock, self.settings, self.actor = session, clock, settings, actor

    async def text(self, target: Message, data: dict[str, Any], typed: str) -> bool:
        """Save one language's title or description; True when the step is over."""
        meeting_id, language = int(data["meeting"]), str(data["language"])
        edit = Edit(texts={(str(data["field"]), language): typed})
        outcome = await self._apply(target, meeting_id, edit, typed)
        if not isinstance(outcome, Outcome):
            return outcome
        saved = (
            _("Saved. Registered people are not notified of text changes.")
            if outcome.changes
            else _("Nothing changed.")
        )
        heading = _("The card now ({language}):").format(language=language_here(language))
        await target.answer(
            saved + "\n\n" + heading + "\n\n" + await self._card(meeting_id, language)
        )
        await self._manage(target, meeting_id)
        return True

    async def capacity(self, target: Message, data: dict[str, Any], capacity: int | None) -> bool:
        """Save the number of places (None: no limit); True when the step is over."""
        meeting_id = int(data["meeting"])
        edit = Edit(capacity=capacity, no_limit=capacity is None)
        outcome = await self._apply(target, meeting_id, edit, str(capacity))
        if not isinstance(outcome, Outcome):
            return outcome
        lines = [_("Saved. Places: {count}.").format(count=capacity or "∞")]
        if outcome.promoted:
            lines.append(
                _("Moved up from the waiting list: {count}. Each of them is told.").format(
                    count=outcome.promoted
                )
            )
        await target.answer("\n".join(lines))
        await self._manage(target, meeting_id)
        return True

    async def _apply(
        self, target: Message, meeting_id: int, edit: Edit, typed: str
    ) -> Outcome | bool:
        """The outcome, or False (hint sent, ask again) / True (meeting gone, step over)."""
        render = notice_renderer(get_i18n(), self.settings.zone)
        try:
            return await meeting_edits.apply(
                self.session, self.clock.now(), meeting_id, edit, actor=self.actor,
                render=render, default_language=self.settings.default_language,
            )  # fmt: skip
        except MeetingError as error:
            await self.session.rollback()
            if error.code in GONE:
                await target.answer(hint(error, typed))
                return True
            markup = step_keyboard(meeting_id, no_limit=not edit.texts)
            await target.answer(hint(error, typed) + "\n\n" + _("Send /cancel to stop."),
                                reply_markup=markup)  # fmt: skip
            return False

    async def _card(self, meeting_id: int, language: str) -> str:
        """The resident's card in one language, as it shows from now on."""
        meeting = await managing.get(self.session, meeting_id)
        assert meeting is not None
        free = await free_places(self.session, meeting)
        with get_i18n().use_locale(language):
            return card_text(meeting, Seat(None, free, ""), language, self.settings.zone)

    async def _manage(self, target: Message, meeting_id: int) -> None:
        view = await manage_view(self.session, self.settings, meeting_id)
        if view is not None:
            await target.answer(view[0], reply_markup=view[1])
