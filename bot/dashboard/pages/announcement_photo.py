"""An announcement's photo from the form's file field: handed to Telegram for its file_id."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from aiohttp import web

from bot.dashboard.pages.announcement_form import Form, Problem
from bot.dashboard.pages.render import language
from bot.dashboard.security import VISITOR, dashboard_of
from bot.dashboard.telegram_photos import PHOTO_MAX, PhotoRefused

IMAGE_TYPES = ("image/jpeg", "image/png", "image/webp")


async def attach(request: web.Request, posted: Any, form: Form) -> tuple[Form, list[Problem]]:
    """The form with a newly chosen photo's file_id (none chosen: as it was)."""
    upload = posted.get("photo_file")
    if not isinstance(upload, web.FileField) or not upload.filename:
        return form, []
    data = upload.file.read()
    if not data:
        return form, []
    dashboard = dashboard_of(request)
    if dashboard.photo_upload is None:
        return form, [Problem("photo", "no_bot")]
    if upload.content_type not in IMAGE_TYPES or len(data) > PHOTO_MAX:
        return form, [Problem("photo", "not_a_photo")]
    note = dashboard.translations[language(request)].gettext(
        "The photo for your announcement on the dashboard."
    )
    try:
        file_id = await dashboard.photo_upload(
            request[VISITOR].telegram_id, data, upload.filename, note
        )
    except PhotoRefused:
        return form, [Problem("photo", "photo_refused")]
    return replace(form, photo=file_id), []
