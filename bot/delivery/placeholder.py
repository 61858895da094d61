"""The neutral image that replaces a staff chat photo Telegram no longer lets the bot delete
(an idea erased with its author after 48 hours, `bot.services.ideas.erasure`)."""

from __future__ import annotations

import io

from aiogram.types import BufferedInputFile, InputMediaPhoto
from PIL import Image

SIZE = (320, 240)  # Telegram refuses photos that are too small or too narrow
GREY = (200, 200, 200)


def placeholder_png() -> bytes:
    """A plain grey PNG: no trace of the image it replaces."""
    buffer = io.BytesIO()
    Image.new("RGB", SIZE, GREY).save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def placeholder_media(png: bytes, caption: str | None) -> InputMediaPhoto:
    """The media of an editMessageMedia row that asks for the placeholder: uploaded as a new
    file (multipart, `attach://`), with the row's caption."""
    return InputMediaPhoto(media=BufferedInputFile(png, "deleted.png"), caption=caption)
