"""An announcement's photo, uploaded on the dashboard, handed to Telegram once for its file_id.

The dashboard stores no picture: the upload is sent to the staff member's own chat with the bot
(as /announce shows a version there), and the campaign keeps the file_id Telegram gives back."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.types import BufferedInputFile

PHOTO_MAX = 10 * 1024 * 1024  # Telegram's limit for a photo sent by upload

# (the staff member's chat, the file, its name, a caption for them) -> the photo's file_id.
PhotoUpload = Callable[[int, bytes, str, str], Awaitable[str]]


class PhotoRefused(Exception):
    """Telegram did not take the picture (not an image, too big, or no chat with the person)."""


def uploader(bot: Bot) -> PhotoUpload:
    """Uploads through this Bot (the process's own, or one made for the dashboard)."""

    async def upload(chat_id: int, data: bytes, filename: str, caption: str) -> str:
        try:
            sent = await bot.send_photo(
                chat_id, BufferedInputFile(data, filename or "photo.jpg"), caption=caption
            )
        except TelegramAPIError as error:
            raise PhotoRefused(str(error)) from error
        if not sent.photo:
            raise PhotoRefused("no photo in Telegram's answer")
        return sent.photo[-1].file_id  # the largest size

    return upload
