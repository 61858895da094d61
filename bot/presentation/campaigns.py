"""Texts about announcements staff see: the progress message while one is sent, its report."""

from __future__ import annotations

from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext

from bot.services.campaigns.lifecycle import Progress


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
