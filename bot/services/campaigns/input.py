"""Checking what staff type into the announcement wizard: one text version, a sending time."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.services import html
from bot.services.campaigns.lifecycle import CAPTION_LIMIT, TEXT_LIMIT, CampaignError
from bot.services.text_length import utf16_len

DATE_FORMATS = ("%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M")


def check_text(text: str, *, caption: bool, limit: int | None = None) -> None:
    """Raise CampaignError (empty, too_long with `over`, invalid_html) for one language version."""
    limit = limit or (CAPTION_LIMIT if caption else TEXT_LIMIT)
    try:
        length = utf16_len(html.visible_text(text).strip())
    except html.InvalidHtml as error:
        raise CampaignError("invalid_html", str(error), reason=str(error)) from None
    if length == 0:
        raise CampaignError("empty", "the text is empty")
    if length > limit:
        raise CampaignError(
            "too_long", f"{length} > {limit}", length=length, limit=limit, over=length - limit
        )


def parse_send_time(text: str, zone: ZoneInfo, now: datetime) -> datetime:
    """Local 'DD.MM.YYYY HH:MM' (or 'YYYY-MM-DD HH:MM') as UTC; CampaignError if bad or past.

    A time that occurs twice (the night the clocks go back) means the first of the two.
    """
    cleaned = " ".join(text.replace(",", " ").split())
    for pattern in DATE_FORMATS:
        try:
            local = datetime.strptime(cleaned, pattern)
        except ValueError:
            continue
        moment = local.replace(tzinfo=zone).astimezone(UTC)
        if moment.astimezone(zone).replace(tzinfo=None) != local:
            # E.g. 02:30 on the night the clocks go forward: that time doesn't exist there.
            raise CampaignError("clock_change", "that time is skipped when the clocks change")
        if moment <= now:
            raise CampaignError("in_past", "the sending time is in the past")
        return moment
    raise CampaignError("bad_date", "expected DD.MM.YYYY HH:MM")
