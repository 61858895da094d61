"""Answers to a resident's text or photo in a step that takes one: the idea flow's, and the
Bürgerhaushalt proposal's, which reuses the idea's checks."""

from __future__ import annotations

from aiogram.types import Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.services.ideas.lifecycle import PHOTO_MAX_BYTES, IdeaError


def text_problem(error: IdeaError) -> str:
    """Too short, too long or too few letters: say by how much, or what is missing."""
    if error.code == "too_few_letters":
        return ngettext(
            "Please describe your idea in words: it needs at least {limit} letter. "
            "Emoji, numbers and punctuation alone are not enough.",
            "Please describe your idea in words: it needs at least {limit} letters. "
            "Emoji, numbers and punctuation alone are not enough.",
            error.details["limit"],
        ).format(**error.details)
    if error.code == "too_long":
        return ngettext(
            "Your text is {over} character too long (it has {length}, at most {limit} are "
            "allowed). Please shorten it and send it again.",
            "Your text is {over} characters too long (it has {length}, at most {limit} are "
            "allowed). Please shorten it and send it again.",
            error.details["over"],
        ).format(**error.details)
    return ngettext(
        "Your text is {missing} character too short (it has {length}, at least {limit} are "
        "needed). Please add to it and send it again.",
        "Your text is {missing} characters too short (it has {length}, at least {limit} are "
        "needed). Please add to it and send it again.",
        error.details["missing"],
    ).format(**error.details)


def photo_of(message: Message) -> tuple[str | None, str | None]:
    """(stored file reference, problem): photos and image files; anything else is refused."""
    if message.photo:
        size, file_id = message.photo[-1].file_size, message.photo[-1].file_id
    elif message.document and (message.document.mime_type or "").startswith("image/"):
        size, file_id = message.document.file_size, "doc:" + message.document.file_id
    elif message.document:
        return None, _(
            "I can only add photos to an idea, not other files. "
            "Please send a photo, or tap the button to go on."
        )
    else:
        return None, _("Please send a photo, or tap the button to go on.")
    if size is not None and size > PHOTO_MAX_BYTES:
        return None, _(
            "This photo is larger than 10 MB. Please send a smaller one, "
            "or tap the button to go on."
        )
    return file_id, None
