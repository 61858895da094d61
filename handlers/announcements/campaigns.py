"""/campaigns for editors: the last ten announcements; cancelling one (role checked at press)."""

from __future__ import annotations

from html import escape

from aiogram import Bot, F, Router
from aiogram.filters import Command
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.delivery.progress import show_progress
from bot.keyboards.announce import campaigns_keyboard
from bot.keyboards.callbacks import CampaignCb
from bot.presentation.dates import when
from bot.services.campaigns import lifecycle as campaigns
from bot.services.campaigns.listing import Summary, recent
from bot.services.clock import Clock
from bot.services.vocabulary import CampaignStatus
from handlers.announcements.draft import EDITOR
from handlers.common import show


def status_text(summary: Summary, settings: Settings) -> str:
    """Where one campaign stands, in words."""
    status = summary.progress.status
    if status == CampaignStatus.SCHEDULED:
        return _("⏰ scheduled for {date}").format(date=when(summary.send_at, settings.zone))
    if status == CampaignStatus.SENDING:
        return _("📤 being sent")
    if status == CampaignStatus.DONE:
        finished = summary.finished_at or summary.send_at
        return _("✅ finished {date}").format(date=when(finished, settings.zone))
    return _("⛔ cancelled")


def entry(summary: Summary, settings: Settings) -> list[str]:
    """The lines of one campaign."""
    lines = [f"<b>#{summary.id}</b> · {status_text(summary, settings)}"]
    if summary.excerpt:
        lines.append(f"<i>{escape(summary.excerpt)}</i>")
    state = summary.progress
    if state.status != CampaignStatus.SCHEDULED and state.total:
        counts = (
            _("Sent: {sent} of {total}").format(sent=state.sent, total=state.total),
            _("Failed: {count}").format(count=state.failed),
            _("Unreachable: {count}").format(count=state.unreachable),
        )
        lines.append(" · ".join(counts))
    return lines


async def campaign_list(
    session: AsyncSession, settings: Settings
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The list and a cancel button per scheduled or running campaign."""
    summaries = await recent(session, 10)
    if not summaries:
        return _("No announcements yet. Create one with /announce."), None
    lines = [_("<b>Recent announcements</b>")]
    for summary in summaries:
        lines += ["", *entry(summary, settings)]
    cancellable = [s.id for s in summaries if s.progress.status in campaigns.OPEN]
    return "\n".join(lines), campaigns_keyboard(cancellable)


async def list_campaigns(message: Message, session: AsyncSession, settings: Settings) -> None:
    """Show the last ten campaigns."""
    text, markup = await campaign_list(session, settings)
    await message.answer(text, reply_markup=markup)


async def cancel(
    callback: CallbackQuery,
    callback_data: CampaignCb,
    bot: Bot,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    callback_answer: CallbackAnswer,
    i18n: I18n,
) -> None:
    """Stop a scheduled or running campaign; sent messages stay sent."""
    campaign_id = callback_data.id
    cancelled = await campaigns.cancel(session, clock, campaign_id, actor=callback.from_user.id)
    if cancelled:
        callback_answer.text = _("⛔ Announcement #{id} cancelled.").format(id=campaign_id)
        # The progress message (this one, or the one in the creator's chat) gets its report.
        await show_progress(
            bot, i18n, session, campaign_id, settings.send_rate,
            paid_rate=settings.paid_broadcast_rate,
        )  # fmt: skip
    else:
        callback_answer.text = _(
            "Announcement #{id} can't be cancelled: it has finished or was cancelled already."
        ).format(id=campaign_id)
    if callback_data.action == "cancel":
        await show(callback, *await campaign_list(session, settings))


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.message.register(list_campaigns, Command("campaigns"), EDITOR)
    router.callback_query.register(
        cancel, CampaignCb.filter(F.action.in_({"stop", "cancel"})), EDITOR
    )
    return router
