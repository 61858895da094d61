"""Labels and keyboards of the optional profile."""

from __future__ import annotations

from collections.abc import Callable

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from babel.lists import format_list

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import MenuCb, ProfileCb
from bot.keyboards.common import back, rows_by_width
from bot.services.profile import AGE_GROUPS, DISTRICTS, TOPICS

# The chat translates with aiogram's context gettext; the staff dashboard passes its page's own.
Gettext = Callable[[str], str]


def district_label(code: str, gettext: Gettext = _) -> str:
    """A district's name for display (official German names, transliterated where needed)."""
    return {
        "walsum": gettext("Walsum"),
        "hamborn": gettext("Hamborn"),
        "meiderich-beeck": gettext("Meiderich/Beeck"),
        "homberg-ruhrort-baerl": gettext("Homberg/Ruhrort/Baerl"),
        "mitte": gettext("Mitte"),
        "rheinhausen": gettext("Rheinhausen"),
        "sued": gettext("Süd"),
        "outside": gettext("Outside Duisburg"),
        "undisclosed": gettext("Prefer not to say"),
    }.get(code, code)


def age_group_label(code: str) -> str:
    """An age group for display."""
    return {
        "under-16": _("Under 16"),
        "16-17": _("16–17"),
        "18-26": _("18–26"),
        "27-64": _("27–64"),
        "65-plus": _("65 or older"),
        "undisclosed": _("Prefer not to say"),
    }.get(code, code)


def topic_label(code: str, gettext: Gettext = _) -> str:
    """A topic of interest for display."""
    return {
        "environment": gettext("Environment"),
        "transport": gettext("Transport"),
        "youth": gettext("Youth"),
        "education": gettext("Education"),
        "culture": gettext("Culture"),
        "sport": gettext("Sport"),
        "neighbourhood": gettext("Neighbourhood and housing"),
        "integration": gettext("Integration"),
        "safety": gettext("Safety"),
        "digital": gettext("Digital city"),
    }.get(code, code)


def topic_list(codes: list[str]) -> str:
    """Topics as a list in the reader's language (e.g. Arabic uses its own comma)."""
    return format_list([topic_label(c) for c in codes], locale=get_i18n().current_locale)


def consent_keyboard(mode: str) -> InlineKeyboardMarkup:
    """Agree to the optional profile, say one is under 16 (no profile then), or skip it."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text=_("Yes, set up my profile"),
        callback_data=ProfileCb(step="consent", value="yes", mode=mode),
    )
    builder.button(
        text=_("I am under 16"),
        callback_data=ProfileCb(step="consent", value="under-16", mode=mode),
    )
    builder.button(text=_("Skip"), callback_data=ProfileCb(step="consent", value="no", mode=mode))
    builder.adjust(1)
    return builder.as_markup()


def choice_keyboard(step: str, codes: tuple[str, ...], mode: str) -> InlineKeyboardMarkup:
    """One button per district or age group, plus Skip."""
    label = district_label if step == "district" else age_group_label
    builder = InlineKeyboardBuilder()
    for code in codes:
        builder.button(text=label(code), callback_data=ProfileCb(step=step, value=code, mode=mode))
    builder.button(text=_("Skip"), callback_data=ProfileCb(step=step, value="skip", mode=mode))
    rows_by_width(builder, [button.text for button in builder.buttons])
    return builder.as_markup()


def district_keyboard(mode: str) -> InlineKeyboardMarkup:
    """The districts."""
    return choice_keyboard("district", DISTRICTS, mode)


def age_keyboard(mode: str) -> InlineKeyboardMarkup:
    """The age groups."""
    return choice_keyboard("age", AGE_GROUPS, mode)


def topics_keyboard(chosen: list[str], mode: str) -> InlineKeyboardMarkup:
    """Topic toggles (✅ when chosen) and Done."""
    builder = InlineKeyboardBuilder()
    for code in TOPICS:
        mark = "✅ " if code in chosen else ""
        builder.button(
            text=mark + topic_label(code),
            callback_data=ProfileCb(step="topic", value=code, mode=mode),
        )
    # Translators: the same word as the "Done" in "Tap to choose, then tap Done."
    builder.button(text=_("Done"), callback_data=ProfileCb(step="done", mode=mode))
    rows_by_width(builder, [button.text for button in builder.buttons])
    return builder.as_markup()


def profile_view_keyboard(has_consent: bool) -> InlineKeyboardMarkup:
    """Edit each part, delete the profile, or go back."""
    builder = InlineKeyboardBuilder()
    if has_consent:
        builder.button(
            text=_("Change district"),
            callback_data=ProfileCb(step="ask", value="district", mode="e"),
        )
        builder.button(
            text=_("Change age group"), callback_data=ProfileCb(step="ask", value="age", mode="e")
        )
        builder.button(
            text=_("Change topics"), callback_data=ProfileCb(step="ask", value="topics", mode="e")
        )
        builder.button(text=_("Delete my profile"), callback_data=ProfileCb(step="clear", mode="e"))
    else:
        builder.button(
            text=_("Set up my profile"),
            callback_data=ProfileCb(step="consent", value="ask", mode="s"),
        )
    builder.button(text=back(_("Back")), callback_data=MenuCb(to="settings"))
    builder.adjust(1)
    return builder.as_markup()
