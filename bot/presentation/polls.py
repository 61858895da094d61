"""Poll results as Telegram text (HTML), for residents and for staff, in any language."""

from __future__ import annotations

import html
from collections.abc import Callable

from aiogram.utils.i18n import I18n, ngettext
from aiogram.utils.i18n import gettext as _
from babel.numbers import format_percent

from bot.i18n import language_here
from bot.keyboards.profile import age_group_label, district_label
from bot.services.bidi import isolate
from bot.services.html import pack as html_pack
from bot.services.polls.results import HIDDEN, NOT_GIVEN, Results, protected
from bot.services.vocabulary import PollStatus

BAR_WIDTH = 10


def _bar(count: int, voters: int) -> str:
    filled = round(BAR_WIDTH * count / voters) if voters else 0
    return "▓" * filled + "░" * (BAR_WIDTH - filled)


def _percent(count: int, voters: int, language: str) -> str:
    return format_percent(count / voters if voters else 0, locale=language)


def option_lines(results: Results, language: str) -> list[str]:
    """One line pair per option: text, then bar, count and share of voters."""
    lines = []
    for option, count in zip(results.options, results.totals, strict=True):
        share = _percent(count, results.voters, language)
        lines.append(f"{html.escape(option)}\n{_bar(count, results.voters)} {count} ({share})")
    return lines


def public_text(results: Results, language: str, public_base: str | None = None) -> str:
    """What participants see: question, bars, number of votes (current locale); the public
    results page once the poll is closed, when staff published it and DASHBOARD_URL is set."""
    head = _("📊 Results: <b>{question}</b>").format(question=html.escape(results.question))
    votes = _("Answers: {count}.").format(count=results.voters)
    parts = [head, *option_lines(results, language), votes]
    if public_base and results.poll.public and results.poll.status == PollStatus.CLOSED:
        link = f"{public_base.rstrip('/')}/public/polls/{results.poll.id}?lang={language}"
        parts.append(_("Also on the web: {link}").format(link=html.escape(link)))
    return "\n\n".join(parts)


def renderer(i18n: I18n, public_base: str | None = None) -> Callable[[Results, str], str]:
    """The public text in a given language, for services that queue it (`public_base`:
    DASHBOARD_URL, for the link to a published results page)."""

    def render(results: Results, language: str) -> str:
        with i18n.context(), i18n.use_locale(language):
            return public_text(results, language, public_base)

    return render


def _value_label(dimension: str, value: str) -> str:
    if dimension == "language":
        return language_here(value)
    if value == NOT_GIVEN:
        return _("not given")
    return district_label(value) if dimension == "district" else age_group_label(value)


def turnout_line(voters: int, recipients: int, turnout: str) -> str:
    """Who the turnout counts: residents the poll was sent to (youth groups are apart)."""
    return ngettext(
        "Answered: {voters} of {recipients} resident who received the poll (turnout {turnout}).",
        "Answered: {voters} of {recipients} residents who received the poll (turnout {turnout}).",
        recipients,
    ).format(voters=voters, recipients=recipients, turnout=turnout)


def staff_messages(results: Results, language: str, status: str) -> list[str]:
    """Totals, turnout, youth groups and breakdowns (cells below 5 never exact).

    Twelve long answers and three breakdowns can pass Telegram's 4,096 units: then the parts
    go out as several messages, each within the limit."""
    poll = results.poll
    parts = [
        _("📊 Poll {id} ({status}): <b>{question}</b>").format(
            id=poll.id, status=status, question=isolate(html.escape(results.question))
        ),
        *option_lines(results, language),
    ]
    turnout = (
        _percent(results.residents.voters, results.recipients, language)
        if results.recipients
        else "—"
    )
    parts.append(turnout_line(results.residents.voters, results.recipients, turnout))
    if results.group_polls:
        counts = " · ".join(str(n) for n in results.groups.counts)
        parts.append(
            _("Youth groups ({groups}): {voters} votes ({counts}), included in the totals.").format(
                groups=results.group_polls, voters=results.groups.voters, counts=counts
            )
        )
    titles = {
        "language": _("By language"),
        "district": _("By district"),
        "age_group": _("By age group"),
    }
    for dimension, cells in results.breakdowns.items():
        if not cells:
            continue
        lines = [f"<b>{titles[dimension]}</b>"]
        # The same cells as the dashboard and the files: none can be worked out from the totals.
        for value, shown_cells in protected(results, dimension).items():
            numbers = " · ".join(html.escape(cell) for cell in shown_cells[:-1])
            # isolated, so a right-to-left label does not swallow the numbers after it
            label = isolate(html.escape(_value_label(dimension, value)))
            lines.append(f"{label}: {numbers} ({html.escape(shown_cells[-1])})")
        parts.append("\n".join(lines))
    parts.append(
        _(
            "Numbers below 5 – and as many others as it takes so that none of them can be "
            "worked out from the totals – are shown as “{hidden}”, so that nobody can be "
            "recognised."
        ).format(hidden=HIDDEN)
    )
    return html_pack(parts)


def chart_caption(results: Results) -> str:
    """The line under the chart (plain text, current locale)."""
    caption = _("Answers: {count}.").format(count=results.voters)
    if results.group_polls:
        caption += " " + _("Youth groups are included.")
    return caption
