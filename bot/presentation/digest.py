"""The moderator digest's text in the staff chat's language (bot.services.digest gathers it)."""

from __future__ import annotations

from html import escape

from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from babel.dates import format_date

from bot.config import Settings
from bot.keyboards.ideas import place_label
from bot.presentation.dates import when
from bot.services.bidi import isolate
from bot.services.digest import Digest, DigestRenderer
from bot.services.meetings.lifecycle import text_of


def _sections(digest: Digest, settings: Settings) -> list[str]:
    zone, language = settings.zone, settings.default_language
    lines: list[str] = []
    if digest.overdue_count:
        lines += ["", _("⏳ Ideas waiting longer than promised: {count}").format(
            count=digest.overdue_count)]  # fmt: skip
        for reference, handed_in in digest.overdue:
            day = format_date(handed_in.astimezone(zone), "medium", locale=language)
            lines.append(_("• {reference}, handed in {date}").format(reference=reference, date=day))
    if digest.reported:
        lines += ["", _("🚩 Reported ideas: {count}").format(count=len(digest.reported))]
        for item in digest.reported:
            line = f"• {item.reference} · 🚩 {item.reports}"
            if item.hidden:
                line += " · " + _("hidden after reports, please review")
            lines.append(line)
    if digest.meetings:
        lines += ["", _("📅 Meetings this week: {count}").format(count=len(digest.meetings))]
        for meeting in digest.meetings:
            title = isolate(escape(text_of(meeting.title, language)))
            place = escape(place_label(meeting.district))
            lines.append(f"• {when(meeting.starts_at, zone, date='short')} · {title} · {place}")
    if digest.campaigns:
        lines += ["", _("📣 Announcements scheduled: {count}").format(count=len(digest.campaigns))]
        lines += [f"• #{c.id} · {when(c.send_at, zone, date='short')}" for c in digest.campaigns]
    return lines


def digest_renderer(i18n: I18n, settings: Settings) -> DigestRenderer:
    """The digest in the staff chat's language (DEFAULT_LANGUAGE), with a dashboard link."""
    language = settings.default_language

    def render(digest: Digest) -> str:
        with i18n.context(), i18n.use_locale(language):
            day = format_date(digest.day, "full", locale=language)
            head = _("☀️ <b>Moderator digest for {date}</b>").format(date=escape(day))
            if digest.empty:
                return (
                    head
                    + "\n"
                    + _(
                        "Nothing is waiting: no overdue or reported ideas, no meetings this week, "
                        "no announcements scheduled."
                    )
                )
            lines = [head, *_sections(digest, settings)]
            if settings.dashboard_url:
                link = escape(settings.dashboard_url.rstrip("/") + "/ideas", quote=True)
                label = escape(_("Open the dashboard"))
                lines += ["", f'<a href="{link}">{label}</a>']
            return "\n".join(lines)

    return render
