"""Browse published ideas: filter, sort, page; support (toggle) and report. No author shown.

ideas menu --Browse--> page --◀️/▶️--> page; --sort--> page 1
page --Topic / Place--> choices --a choice or All--> page 1
page --n 👍 Support--> page (support toggled); page --n ⚠️ Report--> reasons --a reason--> page
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from aiogram import Bot, F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards import browse as keyboards
from bot.keyboards.callbacks import BrowseCb
from bot.keyboards.ideas import place_label, status_label
from bot.keyboards.profile import topic_label
from bot.presentation.ideas import hidden_notice
from bot.services.clock import Clock
from bot.services.ideas import engagement
from bot.services.ideas import lifecycle as ideas
from bot.services.ideas.engagement import Page
from bot.services.ideas.lifecycle import IDEA_DISTRICTS, IdeaError
from bot.services.ideas.translation import published_in
from bot.services.profile import TOPICS
from bot.services.text_length import clip
from bot.services.translation.engine import Translator
from handlers.common import show
from handlers.ideas.browse_translation import (
    back_to_page,
    reader_language,
    translatable_ideas,
    translated_idea_text,
    unavailable_text,
)
from handlers.ideas.card import edit_card

if TYPE_CHECKING:
    from db.models import User

EXCERPT = 300


def topic_of(view: BrowseCb) -> str | None:
    """The topic filter, or None for all (an out-of-range index counts as all)."""
    return TOPICS[view.t] if 0 <= view.t < len(TOPICS) else None


def place_of(view: BrowseCb) -> str | None:
    """The place filter, or None for all."""
    return IDEA_DISTRICTS[view.d] if 0 <= view.d < len(IDEA_DISTRICTS) else None


def page_text(view: BrowseCb, page: Page) -> str:
    """The filter in words and up to five ideas, numbered 1️⃣ … like their buttons."""
    topic, place = topic_of(view), place_of(view)
    every = _("all")
    order = _("most supported first") if view.s == "m" else _("newest first")
    lines = [
        _("<b>Ideas from Duisburg</b>"),
        _("Topic: {topic}").format(topic=escape(topic_label(topic)) if topic else every)
        + " · "
        + _("Place: {place}").format(place=escape(place_label(place)) if place else every)
        + " · "
        + escape(order),
    ]
    if not page.ideas:
        return "\n".join([*lines, "", _("No published ideas match yet.")])
    lines.append(_("Page {page} of {pages}").format(page=page.page + 1, pages=page.pages))
    for number, (idea, count) in enumerate(page.ideas, start=1):
        text = clip(idea.text, EXCERPT)
        facts = " · ".join(
            escape(part)
            for part in (
                topic_label(idea.topic),
                place_label(idea.district),
                status_label(idea.status),
            )
        )
        supporters = _("Supporters: {count}").format(count=count)
        heading = f"{keyboards.keycap(number)} {facts}"
        lines += ["", heading, f"<i>{escape(text)}</i>", f"👍 {supporters}"]
    return "\n".join(lines)


async def render(
    callback: CallbackQuery,
    view: BrowseCb,
    session: AsyncSession,
    user: User,
    translator: Translator | None = None,
) -> None:
    """Show the page the view describes (🌐 under ideas in another language: `translator`)."""
    page = await engagement.browse(
        session, user, topic=topic_of(view), district=place_of(view),
        most_supported=view.s == "m", page=view.p,
    )  # fmt: skip
    view = view.model_copy(update={"action": "page", "p": page.page})
    translatable = translatable_ideas(translator, page)
    await show(callback, page_text(view, page), keyboards.page_keyboard(view, page, translatable))


async def browse(
    callback: CallbackQuery,
    callback_data: BrowseCb,
    session: AsyncSession,
    user: User,
    translator: Translator | None = None,
) -> None:
    """A page of published ideas."""
    await render(callback, callback_data, session, user, translator)


async def in_my_language(
    callback: CallbackQuery,
    callback_data: BrowseCb,
    session: AsyncSession,
    user: User,
    callback_answer: CallbackAnswer,
    translator: Translator | None = None,
) -> None:
    """🌐 In my language: the idea and its machine translation, Back to the page."""
    found = await published_in(session, translator, callback_data.i, reader_language())
    translated = found[1] if found else None
    if found is None or translated is None:
        gone = _("This idea is no longer available.")
        callback_answer.text = gone if found is None else unavailable_text()
        await render(callback, callback_data, session, user, translator)
        return
    idea = found[0]
    await show(callback, translated_idea_text(idea, translated), back_to_page(callback_data))


async def choose_filter(callback: CallbackQuery, callback_data: BrowseCb) -> None:
    """Pick a topic or a place."""
    if callback_data.action == "topics":
        question = _("Which topic?")
    else:
        question = _("Which part of the city?")
    markup = keyboards.filter_keyboard(callback_data, callback_data.action)
    await show(callback, question, markup)


async def support(
    callback: CallbackQuery, callback_data: BrowseCb, session: AsyncSession,
    clock: Clock, user: User, callback_answer: CallbackAnswer, translator: Translator | None = None,
) -> None:  # fmt: skip
    """Support or stop supporting; nobody is notified, so toggling spams no one."""
    try:
        supported = await engagement.toggle_support(session, clock, user, callback_data.i)
    except IdeaError:
        callback_answer.text = _("This idea is no longer available.")
    else:
        callback_answer.text = _("You support this idea.") if supported else _("Support removed.")
    await render(callback, callback_data, session, user, translator)


async def ask_reason(callback: CallbackQuery, callback_data: BrowseCb) -> None:
    """Why should the idea be reviewed?"""
    question = _(
        "Why should our team look at this idea again? "
        "After several reports it is hidden until a moderator has checked it."
    )
    await show(callback, question, keyboards.reasons_keyboard(callback_data))


async def report(
    callback: CallbackQuery, callback_data: BrowseCb, bot: Bot, session: AsyncSession,
    settings: Settings, clock: Clock, user: User, callback_answer: CallbackAnswer,
    translator: Translator | None = None,
) -> None:  # fmt: skip
    """Store the report (once per person, limited per day); maybe hide the idea."""
    try:
        hidden = await engagement.report(
            session, clock, user, callback_data.i, callback_data.r,
            per_day=settings.reports_per_day, hide_after=settings.idea_hide_reports,
            hidden_notice=hidden_notice, default_language=settings.default_language,
        )  # fmt: skip
    except IdeaError as error:
        callback_answer.text = {
            "already_reported": _("You have already reported this idea."),
            "limit": ngettext(
                "You have reached today's limit of {limit} report.",
                "You have reached today's limit of {limit} reports.",
                settings.reports_per_day,
            ).format(limit=settings.reports_per_day),
        }.get(error.code, _("This idea is no longer available."))
    else:
        callback_answer.text = _("Thank you. Our team will look at it.")
        if hidden:
            idea = await ideas.get(session, callback_data.i)
            if idea is not None:  # its card shows it, with Publish and Decline again
                await edit_card(bot, session, settings, idea)
    await render(callback, callback_data, session, user, translator)


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(browse, BrowseCb.filter(F.action == "page"))
    router.callback_query.register(in_my_language, BrowseCb.filter(F.action == "tl"))
    router.callback_query.register(
        choose_filter, BrowseCb.filter(F.action.in_({"topics", "places"}))
    )
    router.callback_query.register(support, BrowseCb.filter(F.action == "sup"))
    router.callback_query.register(ask_reason, BrowseCb.filter(F.action == "rep"))
    router.callback_query.register(report, BrowseCb.filter(F.action == "why"))
    return router
