"""Keyboards for browsing published ideas: supports, reports, filters, sorting and paging."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import BrowseCb, MenuCb
from bot.keyboards.common import back, forward, rows_by_width
from bot.keyboards.ideas import place_label
from bot.keyboards.profile import topic_label
from bot.services.ideas.engagement import REPORT_REASONS, Page
from bot.services.ideas.lifecycle import IDEA_DISTRICTS
from bot.services.profile import TOPICS


def report_label(code: str) -> str:
    """A report reason in words."""
    return {
        "spam": _("Spam or advertising"),
        "offensive": _("Offensive or hateful"),
        "personal": _("Personal data of others"),
        "wrong": _("False information"),
        "other": _("Something else"),
    }.get(code, code)


def keycap(number: int) -> str:
    """1️⃣ … 9️⃣ for an idea's place on the page: the same in every script and direction."""
    return f"{number}\ufe0f\u20e3" if 0 <= number <= 9 else f"{number}."


def support_label(number: int, count: int, supported: bool) -> str:
    """The support button: 1️⃣ 👍 Support · 3, or 1️⃣ ✅ Supported · 4 once the reader does."""
    if supported:
        # Translators: a button under an idea the reader supports (pressing takes it back).
        mark, word = "✅", _("Supported")
    else:
        # Translators: a button under an idea: support it (a verb). Keep it short.
        mark, word = "👍", _("Support")
    return f"{keycap(number)} {mark} {word} · {count}"


def report_button_label(number: int) -> str:
    """The report button: 1️⃣ ⚠️ Report."""
    # Translators: a button under an idea: report it to the moderators (a verb). Keep short.
    word = _("Report")
    return f"{keycap(number)} ⚠️ {word}"


def translate_label(number: int) -> str:
    """The button showing an idea in the reader's language: 1️⃣ 🌐 In my language."""
    # Translators: a button under an idea in another language: show it translated into yours.
    return f"{keycap(number)} 🌐 " + _("In my language")


def page_keyboard(
    view: BrowseCb, page: Page, translatable: frozenset[int] = frozenset()
) -> InlineKeyboardMarkup:
    """Support and report per idea (and 🌐 for ideas in another language, when a provider is
    set), then topic, place, sort, paging and back."""
    builder = InlineKeyboardBuilder()
    widths = []
    for number, (idea, count) in enumerate(page.ideas, start=1):
        label = support_label(number, count, idea.id in page.supported)
        support = view.model_copy(update={"action": "sup", "i": idea.id})
        builder.button(text=label, callback_data=support)
        report = view.model_copy(update={"action": "rep", "i": idea.id})
        builder.button(text=report_button_label(number), callback_data=report)
        widths.append(2)
        if idea.id in translatable:
            shown = view.model_copy(update={"action": "tl", "i": idea.id})
            builder.button(text=translate_label(number), callback_data=shown)  # full row
            widths.append(1)
    builder.button(
        text="🏷 " + _("Topic"), callback_data=view.model_copy(update={"action": "topics"})
    )
    builder.button(
        text="📍 " + _("Place"), callback_data=view.model_copy(update={"action": "places"})
    )
    other_sort = "m" if view.s == "n" else "n"
    sort_label = _("Most supported first") if other_sort == "m" else _("Newest first")
    builder.button(  # full row
        text="↕️ " + sort_label,
        callback_data=view.model_copy(update={"action": "page", "s": other_sort, "p": 0}),
    )
    widths += [2, 1]
    paging = 0
    if page.page > 0:
        builder.button(
            text=back(""),
            callback_data=view.model_copy(update={"action": "page", "p": page.page - 1}),
        )
        paging += 1
    if page.page < page.pages - 1:
        builder.button(
            text=forward(""),
            callback_data=view.model_copy(update={"action": "page", "p": page.page + 1}),
        )
        paging += 1
    if paging:
        widths.append(paging)
    builder.button(text=back(_("Back")), callback_data=MenuCb(to="ideas"))
    widths.append(1)
    builder.adjust(*widths)
    return builder.as_markup()


def filter_keyboard(view: BrowseCb, kind: str) -> InlineKeyboardMarkup:
    """Choose a topic or a place (or all); the choice shows the first page."""
    builder = InlineKeyboardBuilder()
    field = "t" if kind == "topics" else "d"
    builder.button(
        text=_("All"), callback_data=view.model_copy(update={"action": "page", field: -1, "p": 0})
    )
    codes = TOPICS if kind == "topics" else IDEA_DISTRICTS
    label = topic_label if kind == "topics" else place_label
    for index, code in enumerate(codes):
        update = {"action": "page", field: index, "p": 0}
        builder.button(text=label(code), callback_data=view.model_copy(update=update))
    rows_by_width(builder, [button.text for button in builder.buttons])
    return builder.as_markup()


def reasons_keyboard(view: BrowseCb) -> InlineKeyboardMarkup:
    """Why the idea is reported; Back to the page."""
    builder = InlineKeyboardBuilder()
    for code in REPORT_REASONS:
        update = {"action": "why", "r": code}
        builder.button(text=report_label(code), callback_data=view.model_copy(update=update))
    builder.button(text=back(_("Back")), callback_data=view.model_copy(update={"action": "page"}))
    builder.adjust(1)
    return builder.as_markup()
