"""A one-time sign-in link for staff; residents are told the dashboard is for city staff."""

from __future__ import annotations

from aiogram.types import LinkPreviewOptions, Message
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.services import dashboard_access as access
from bot.services.clock import Clock
from bot.services.staff import StaffService


async def send_link(
    message: Message, session: AsyncSession, settings: Settings, clock: Clock, staff: StaffService
) -> None:
    sender = message.from_user
    if sender is None:
        return
    token = await access.issue_link(session, clock, staff, sender.id, actor=sender.id)
    if token is None:
        await message.answer(_("The dashboard is for city staff only."))
        return
    await message.answer(
        _(
            "Your sign-in link for the dashboard (works once, for 10 minutes; don't forward it):"
            "\n{link}"
        ).format(link=access.login_url(settings, token)),
        protect_content=True,
        # A preview would fetch the link; it only shows a button, but nothing needs to see it.
        link_preview_options=LinkPreviewOptions(is_disabled=True),
    )
