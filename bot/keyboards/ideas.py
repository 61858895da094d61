"""Labels and keyboards for ideas: hand-in steps, statuses, moderation buttons."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import BrowseCb, IdeaCb, IdeaModCb, MenuCb
from bot.keyboards.common import back, rows_by_width
from bot.keyboards.profile import Gettext, district_label, topic_label
from bot.services.ideas.lifecycle import CITY, IDEA_DISTRICTS
from bot.services.ideas.moderation import DECLINE_REASONS, allowed
from bot.services.profile import TOPICS
from db.models import Idea, IdeaStatus


def place_label(code: str, gettext: Gettext = _) -> str:
    """A district's name, or "Whole city"."""
    return gettext("Whole city") if code == CITY else district_label(code, gettext)


def status_label(status: IdeaStatus | str, gettext: Gettext = _) -> str:
    """An idea's status in words (the dashboard's export rows hold the stored string)."""
    labels: dict[str, str] = {
        IdeaStatus.SUBMITTED: gettext("Handed in"),
        IdeaStatus.IN_REVIEW: gettext("In review"),
        IdeaStatus.PUBLISHED: gettext("Published"),
        IdeaStatus.DECLINED: gettext("Declined"),
        IdeaStatus.FORWARDED: gettext("Forwarded to a department"),
        IdeaStatus.IMPLEMENTED: gettext("Implemented"),
        IdeaStatus.NOT_PURSUED: gettext("Not pursued"),
        IdeaStatus.WITHDRAWN: gettext("Withdrawn"),
    }
    return labels.get(status, status)


def reason_label(code: str, gettext: Gettext = _) -> str:
    """A decline reason in words."""
    return {
        "duplicate": gettext("Already suggested"),
        "not_city": gettext("Not a matter for the city"),
        "rules": gettext("Against the house rules"),
        "not_feasible": gettext("Not feasible"),
        "other": gettext("Other reason"),
    }.get(code, code)


def ideas_menu_keyboard() -> InlineKeyboardMarkup:
    """The Ideas menu: only entries that work."""
    builder = InlineKeyboardBuilder()
    builder.button(text="✍️ " + _("Hand in an idea"), callback_data=IdeaCb(action="new"))
    builder.button(text="🔎 " + _("Browse ideas"), callback_data=BrowseCb(action="page"))
    builder.button(text="📋 " + _("My ideas"), callback_data=IdeaCb(action="mine"))
    builder.button(text="🏠 " + _("Main menu"), callback_data=MenuCb(to="main"))
    builder.adjust(1)
    return builder.as_markup()


def cancel_button(builder: InlineKeyboardBuilder) -> None:
    """Add the Cancel button of the hand-in flow."""
    builder.button(text="✖️ " + _("Cancel"), callback_data=IdeaCb(action="cancel"))


def topic_keyboard() -> InlineKeyboardMarkup:
    """One button per topic, and Cancel."""
    builder = InlineKeyboardBuilder()
    for code in TOPICS:
        builder.button(text=topic_label(code), callback_data=IdeaCb(action="topic", value=code))
    cancel_button(builder)
    rows_by_width(builder, [button.text for button in builder.buttons])
    return builder.as_markup()


def district_keyboard(preset: str | None) -> InlineKeyboardMarkup:
    """The districts and "Whole city"; the profile's district is marked and comes first."""
    builder = InlineKeyboardBuilder()
    codes = sorted(IDEA_DISTRICTS, key=lambda code: code != preset)
    for code in codes:
        mark = "📍 " if code == preset else ""
        builder.button(
            text=mark + place_label(code), callback_data=IdeaCb(action="district", value=code)
        )
    cancel_button(builder)
    rows_by_width(builder, [button.text for button in builder.buttons])
    return builder.as_markup()


def skip_keyboard(action: str, label: str) -> InlineKeyboardMarkup:
    """One button to go on (Skip / Done) and Cancel."""
    builder = InlineKeyboardBuilder()
    builder.button(text=label, callback_data=IdeaCb(action=action))
    cancel_button(builder)
    builder.adjust(1)
    return builder.as_markup()


def preview_keyboard(draft_id: str) -> InlineKeyboardMarkup:
    """Send · Edit · Cancel."""
    builder = InlineKeyboardBuilder()
    builder.button(text="✅ " + _("Send"), callback_data=IdeaCb(action="send", value=draft_id))
    builder.button(text="✏️ " + _("Edit"), callback_data=IdeaCb(action="edit"))
    cancel_button(builder)
    builder.adjust(1, 2)
    return builder.as_markup()


def edit_keyboard() -> InlineKeyboardMarkup:
    """Which part to change."""
    builder = InlineKeyboardBuilder()
    for part, label in (
        ("topic", _("Topic")),
        ("district", _("District")),
        ("text", _("Text")),
        ("photos", _("Photos")),
        ("location", _("Location")),
    ):
        builder.button(text=label, callback_data=IdeaCb(action="change", value=part))
    builder.button(text=back(_("Back")), callback_data=IdeaCb(action="preview"))
    builder.adjust(2, 2, 1, 1)
    return builder.as_markup()


MODERATION = (
    ("review", "🔎"),
    ("publish", "✅"),
    ("decline", "⛔"),
    ("forward", "📨"),
    ("implement", "🏁"),
    ("not_pursued", "💤"),
)


def action_label(action: str, gettext: Gettext = _) -> str:
    """A moderation button's label."""
    return {
        "review": gettext("Start review"),
        "publish": gettext("Publish"),
        "decline": gettext("Decline"),
        "forward": gettext("Forward"),
        "implement": gettext("Implemented"),
        "not_pursued": gettext("Not pursued"),
    }.get(action, action)


def moderation_keyboard(idea: Idea) -> InlineKeyboardMarkup | None:
    """The moderation buttons that apply to the idea now (none once it is final)."""
    builder = InlineKeyboardBuilder()
    for action, icon in MODERATION:
        if allowed(idea, action):
            label = f"{icon} {action_label(action)}"
            builder.button(text=label, callback_data=IdeaModCb(action=action, id=idea.id))
    if not list(builder.buttons):
        return None
    rows_by_width(builder, [button.text for button in builder.buttons])
    return builder.as_markup()


def reasons_keyboard(idea_id: int) -> InlineKeyboardMarkup:
    """Decline reasons, and Back to the moderation buttons."""
    builder = InlineKeyboardBuilder()
    for code in DECLINE_REASONS:
        builder.button(
            text=reason_label(code),
            callback_data=IdeaModCb(action="reason", id=idea_id, value=code),
        )
    builder.button(text=back(_("Back")), callback_data=IdeaModCb(action="back", id=idea_id))
    builder.adjust(1)
    return builder.as_markup()
