"""A staff comment in the author's language: the author's notice shows the machine translation
where the comment was, and the city team's original words below it, collapsed; when the
translation could not be made, the original with a note saying so (never nothing)."""

from __future__ import annotations

from dataclasses import replace
from html import escape
from typing import TYPE_CHECKING

from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _

from bot.services.bidi import isolate
from bot.services.ideas.moderation import Change, NoticeRenderer
from bot.services.ideas.translation import CommentTranslation
from bot.services.translation.engine import Translated

if TYPE_CHECKING:
    from db.models import Idea


def original_note(translated: Translated, original: str) -> str:
    """ "🌐 Machine translation (DeepL). The city team wrote:" and the original, collapsed."""
    note = _("Machine translation ({provider}). The city team wrote:").format(
        provider=translated.label
    )
    return f"🌐 {escape(note)}\n<blockquote expandable>{isolate(escape(original))}</blockquote>"


def unavailable_note() -> str:
    """Below an untranslated comment the author may not read."""
    note = _(
        "The machine translation is not available right now, so the city team's comment "
        "is shown as they wrote it."
    )
    return f"🌐 <i>{escape(note)}</i>"


def with_comment_translation(render: NoticeRenderer, comment: CommentTranslation) -> NoticeRenderer:
    """`render` showing the translated comment and the original below, or the original with
    the "unavailable" note; as is when no translation was wanted."""
    translated = comment.translated
    if translated is None and not comment.unavailable:
        return render

    def notice(idea: Idea, change: Change, language: str) -> str:
        if translated is None:
            text = render(idea, change, language)
            with get_i18n().use_locale(language):
                return text + "\n\n" + unavailable_note()
        original = (change.decision.comment or "").strip()
        shown = replace(change, decision=replace(change.decision, comment=translated.text))
        text = render(idea, shown, language)
        with get_i18n().use_locale(language):
            return text + "\n\n" + original_note(translated, original)

    return notice
