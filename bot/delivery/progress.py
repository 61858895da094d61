"""The staff's progress message: edited while a campaign is sent, then the final report (its
text: bot.presentation.campaigns)."""

from __future__ import annotations

import logging

from aiogram import Bot
from aiogram.exceptions import TelegramAPIError
from aiogram.utils.i18n import I18n
from sqlalchemy.ext.asyncio import AsyncSession

from bot.keyboards.announce import progress_keyboard
from bot.presentation.campaigns import progress_text
from bot.services.campaigns import lifecycle as campaigns
from db.models import Campaign

log = logging.getLogger(__name__)


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
    running = state.status in campaigns.OPEN
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
