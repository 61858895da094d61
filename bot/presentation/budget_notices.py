"""What a proposal's author is told at each status, in their own language (through the outbox)."""

from __future__ import annotations

from html import escape

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _

from bot.presentation.budget import euros
from bot.presentation.comment_translation import original_note, unavailable_note
from bot.services.budget.notices import NoticeRenderer, ProposalNotice
from bot.services.ideas.translation import CommentTranslation
from db.models import ProposalStatus


def notice_text(notice: ProposalNotice) -> str:
    """The author's notice about a status (current locale)."""
    title = escape(notice.title)
    if notice.status == ProposalStatus.IN_REVIEW:
        return _("Your proposal “{title}” goes on to review by the city.").format(title=title)
    if notice.status == ProposalStatus.FEASIBLE:
        return _(
            "Good news: your proposal “{title}” is feasible and will be on the ballot "
            "with a cost of {cost}."
        ).format(title=title, cost=euros(notice.cost or 0))
    if notice.status == ProposalStatus.NOT_FEASIBLE:
        return _not_feasible(notice, title)
    if notice.status == ProposalStatus.MERGED:
        return _(
            "Your proposal “{title}” was merged with the similar proposal “{kept}”. "
            "Its supports count there."
        ).format(title=title, kept=escape(notice.kept_title or ""))
    return _("Your proposal “{title}” did not get enough supports before proposals closed.").format(
        title=title
    )


def _not_feasible(notice: ProposalNotice, title: str) -> str:
    """The reason in the author's language with the city's words below, or as staff wrote it
    (with a note when the translation failed): as staff comments reach idea authors."""
    reason = notice.reason or ""
    shown = notice.reason_translation or CommentTranslation()
    translated = shown.translated
    text = _(
        "Your proposal “{title}” cannot be put to the vote. The city's reason: {reason}"
    ).format(title=title, reason=escape(translated.text if translated else reason))
    if translated is not None:
        return text + "\n\n" + original_note(translated, reason)
    if shown.unavailable:
        return text + "\n\n" + unavailable_note()
    return text


def notice_renderer(i18n: I18n) -> NoticeRenderer:
    """Renders an author's notice in their language."""

    def render(language: str, notice: ProposalNotice) -> str:
        with i18n.context(), i18n.use_locale(language):
            return notice_text(notice)

    return render
