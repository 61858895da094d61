"""The staff's progress message: edited while a campaign is sent, then the final report."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.utils.i18n import I18n, ngettext
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.keyboards.announce import progress_keyboard
from bot.services import campaigns
from bot.services.campaigns import Progress
from db.models import Campaign

log = logging.getLogger(__name__)


def progress_text(campaign_id: int, progress: Progress, rate: float) -> str:
    """One line per fact, in the current locale."""
    if progress.status == "cancelled":
        head = _("⛔ Announcement #{id} cancelled.").format(id=campaign_id)
    elif progress.status == "done":
        head = _("✅ Announcement #{id} finished.").format(id=campaign_id)
    else:
        head = _("📣 Announcement #{id} is being sent.").format(id=campaign_id)
    if progress.status == "cancelled" and progress.total == 0:
        return "\n".join((head, _("It was cancelled before it went out: nothing was sent.")))
    lines = [
        head,
        _("Sent: {sent} of {total}").format(sent=progress.sent, total=progress.total),
        _("Unreachable (blocked the bot): {count}").format(count=progress.unreachable),
        _("Failed: {count}").format(count=progress.failed),
    ]
    if progress.cancelled:
        lines.append(
            _("Not sent (cancelled, or switched off meanwhile): {count}").format(
                count=progress.cancelled
            )
        )
    if progress.status == "sending" and progress.pending:
        minutes = max(1, round(progress.pending / rate / 60))
        left = ngettext("About {minutes} minute left", "About {minutes} minutes left", minutes)
        lines.append(left.format(minutes=minutes))
    return "\n".join(lines)


async def show_progress(
    bot: Bot,
    i18n: I18n,
    session: AsyncSession,
    campaign_id: int,
    rate: float,
    *,
    paid_rate: float = 0.0,
) -> None:
    """Edit the campaign's progress message, if it has one; errors only get logged."""
    campaign = await session.get(Campaign, campaign_id)
    state = await campaigns.progress(session, campaign_id)
    if campaign is None or state is None or campaign.progress_message_id is None:
        return
    # An edit without a keyboard removes it: keep "Cancel sending" while it can still help.
    running = state.status in ("scheduled", "sending")
    with i18n.context(), i18n.use_locale(campaign.progress_language):
        text = progress_text(campaign_id, state, paid_rate if campaign.paid and paid_rate else rate)
        keyboard = progress_keyboard(campaign_id) if running else None
    try:
        await bot.edit_message_text(
            text=text,
            chat_id=campaign.progress_chat_id,
            message_id=campaign.progress_message_id,
            reply_markup=keyboard,
        )
    except TelegramAPIError as error:
        if "not modified" not in str(error):
            log.warning("progress of campaign %s not shown: %s", campaign_id, type(error).__name__)
