"""Audience filters on screen, shared by the announcement and the poll wizards."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from aiogram.filters.callback_data import CallbackData
from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from babel.lists import format_list

from bot.i18n import language_here
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import AudienceCb
from bot.keyboards.common import back, rows_by_width
from bot.keyboards.profile import age_group_label, district_label, topic_label
from bot.services.audience import VOCABULARY, Audience, AudienceKind

KINDS = tuple(VOCABULARY)
# A wizard's own step callback (AnnounceCb, PollWizCb): called with action= and value=.
StepCb = Callable[..., CallbackData]


def kind_label(kind: str) -> str:
    """The name of one kind of audience filter."""
    labels: dict[str, str] = {
        AudienceKind.DISTRICTS: _("Districts"),
        AudienceKind.AGE_GROUPS: _("Age groups"),
        AudienceKind.TOPICS: _("Topics"),
        AudienceKind.LANGUAGES: _("Languages"),
    }
    return labels[kind]


def value_label(kind: str, code: str) -> str:
    """One filter value for display."""
    if kind == AudienceKind.DISTRICTS:
        return district_label(code)
    if kind == AudienceKind.AGE_GROUPS:
        return age_group_label(code)
    if kind == AudienceKind.TOPICS:
        return topic_label(code)
    return language_here(code)


def narrowing_hint() -> str:
    """How the filter groups combine (announcements and polls)."""
    return _(
        "Tap a group to narrow the audience down. Several choices in one group mean "
        "“or”; choices in different groups must all match. District, age group and topics "
        "only reach people who have a profile."
    )


def filter_lines(audience: Audience) -> list[str]:
    """One '• Kind: a or b' line per filter kind in use (HTML-escaped)."""
    locale = get_i18n().current_locale
    lines = []
    for kind in KINDS:
        codes = sorted(getattr(audience, kind))
        if codes:
            labels = format_list([value_label(kind, c) for c in codes], style="or", locale=locale)
            lines.append(f"• {kind_label(kind)}: {escape(labels)}")
    return lines


def filter_buttons(
    builder: InlineKeyboardBuilder, audience: Audience, step: StepCb, *, everyone: bool
) -> None:
    """Everyone (✅ when chosen), then one entry per filter kind with how many values are chosen."""
    mark = "✅ " if everyone else ""
    builder.button(text=mark + _("Everyone"), callback_data=step(action="everyone"))
    for kind in KINDS:
        chosen = len(getattr(audience, kind))
        label = kind_label(kind) + (f" ({chosen})" if chosen else "")
        builder.button(text=label, callback_data=step(action="kind", value=kind))


def kind_keyboard(kind: str, audience: Audience, back_to: CallbackData) -> InlineKeyboardMarkup:
    """Toggles for every value of one kind (✅ when chosen) and Back."""
    builder = InlineKeyboardBuilder()
    chosen = getattr(audience, kind)
    for code in VOCABULARY[kind]:
        mark = "✅ " if code in chosen else ""
        builder.button(
            text=mark + value_label(kind, code), callback_data=AudienceCb(kind=kind, value=code)
        )
    builder.button(text=back(_("Back")), callback_data=back_to)
    rows_by_width(builder, [button.text for button in builder.buttons])
    return builder.as_markup()
