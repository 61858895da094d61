"""Labels and keyboards of the staff's announcement wizard and campaign list."""

from __future__ import annotations

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.config import LANGUAGES
from bot.i18n import language_here
from bot.keyboards.audience import filter_buttons
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import AnnounceCb, CampaignCb
from bot.keyboards.common import forward, translate_label
from bot.services.audience import Audience


def cancel_button(builder: InlineKeyboardBuilder) -> None:
    """Discard the draft."""
    builder.button(text="✖️ " + _("Cancel"), callback_data=AnnounceCb(action="cancel"))


def version_mark(code: str, added: set[str], machine: set[str]) -> str:
    """✅ a version staff wrote, 🌐 one machine translation made, nothing: none yet."""
    return "🌐 " if code in machine else "✅ " if code in added else ""


def languages_keyboard(added: set[str], machine: set[str] | None = None) -> InlineKeyboardMarkup:
    """The nine other languages (marked when a version exists), Translate into the missing
    ones (while any is missing), Continue, Cancel."""
    builder = InlineKeyboardBuilder()
    for code in LANGUAGES:
        if code != "de":
            builder.button(
                text=version_mark(code, added, machine or set()) + language_here(code),
                callback_data=AnnounceCb(action="lang", value=code),
            )
    rows = [3, 3, 3]
    if not set(LANGUAGES) <= added:
        builder.button(  # full row
            text=translate_label(), callback_data=AnnounceCb(action="translate")
        )
        rows.append(1)
    builder.button(text=forward(_("Continue")), callback_data=AnnounceCb(action="audience"))
    cancel_button(builder)
    builder.adjust(*rows, 1, 1)
    return builder.as_markup()


def audience_keyboard(audience: Audience) -> InlineKeyboardMarkup:
    """Everyone, one entry per filter kind (with how many values are chosen), Continue."""
    builder = InlineKeyboardBuilder()
    filter_buttons(builder, audience, AnnounceCb, everyone=audience.everyone)
    builder.button(text=forward(_("Continue")), callback_data=AnnounceCb(action="preview"))
    cancel_button(builder)
    builder.adjust(1, 2, 2, 1, 1)
    return builder.as_markup()


def versions(texts: dict[str, str]) -> list[str]:
    """The draft's language versions in the fixed order, German first."""
    return [code for code in LANGUAGES if code in texts]


def version_buttons(builder: InlineKeyboardBuilder, texts: dict[str, str]) -> list[int]:
    """One button per language version (when there is more than German); their row sizes."""
    codes = versions(texts)
    if len(codes) < 2:
        return []
    for code in codes:
        builder.button(
            text="👁 " + language_here(code), callback_data=AnnounceCb(action="show", value=code)
        )
    return [3] * (len(codes) // 3) + ([len(codes) % 3] if len(codes) % 3 else [])


def preview_keyboard(draft_id: str, texts: dict[str, str]) -> InlineKeyboardMarkup:
    """A button per language version, then Send now · Schedule · Cancel."""
    builder = InlineKeyboardBuilder()
    rows = version_buttons(builder, texts)
    builder.button(  # full row
        text="🚀 " + _("Send now"), callback_data=AnnounceCb(action="now", value=draft_id)
    )
    builder.button(  # full row
        text="🕒 " + _("Schedule"), callback_data=AnnounceCb(action="schedule")
    )
    cancel_button(builder)
    builder.adjust(*rows, 1)
    return builder.as_markup()


def scheduled_keyboard(draft_id: str, texts: dict[str, str]) -> InlineKeyboardMarkup:
    """A button per language version, then Confirm the time · another time · Cancel."""
    builder = InlineKeyboardBuilder()
    rows = version_buttons(builder, texts)
    builder.button(  # full row
        text="✅ " + _("Confirm"), callback_data=AnnounceCb(action="confirm", value=draft_id)
    )
    builder.button(  # full row
        text="🕒 " + _("Change the time"), callback_data=AnnounceCb(action="schedule")
    )
    cancel_button(builder)
    builder.adjust(*rows, 1)
    return builder.as_markup()


def progress_keyboard(campaign_id: int) -> InlineKeyboardMarkup:
    """The single button under a campaign's progress message."""
    builder = InlineKeyboardBuilder()
    builder.button(
        text="⛔ " + _("Cancel sending"), callback_data=CampaignCb(action="stop", id=campaign_id)
    )
    return builder.as_markup()


def campaigns_keyboard(cancellable: list[int]) -> InlineKeyboardMarkup | None:
    """One cancel button per scheduled or running campaign."""
    if not cancellable:
        return None
    builder = InlineKeyboardBuilder()
    for campaign_id in cancellable:
        builder.button(
            text="⛔ " + _("Cancel #{id}").format(id=campaign_id),
            callback_data=CampaignCb(action="cancel", id=campaign_id),
        )
    builder.adjust(2)
    return builder.as_markup()
