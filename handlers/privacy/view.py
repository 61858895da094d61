"""The privacy text as one screen: a page of it with page buttons, the data buttons and Back.

/privacy, Settings → Privacy, the welcome's privacy button and Information → Privacy all show
it from here, so they cannot drift apart; only Back differs (it returns where the reader was).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram.types import InlineKeyboardMarkup
from aiogram.utils.i18n import gettext as _

from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import MenuCb, PrivacyCb, PrivacyFrom, PrivacyPageCb
from bot.keyboards.common import back, forward
from bot.presentation.privacy import privacy_pages

if TYPE_CHECKING:
    from db.models import User

BACK_TO = {
    PrivacyFrom.SETTINGS: "settings",
    PrivacyFrom.WELCOME: "welcome",
    PrivacyFrom.INFO: "info",
}


def origin_of(user: User) -> PrivacyFrom:
    """Settings for residents; during onboarding the welcome, which holds Continue."""
    return PrivacyFrom.SETTINGS if user.onboarded else PrivacyFrom.WELCOME


def add_data_buttons(builder: InlineKeyboardBuilder, origin: PrivacyFrom) -> None:
    """Show my data · Delete all my data · Back to where the reader came from (a row each)."""
    show = PrivacyCb(action="show", origin=origin)
    builder.button(text="📄 " + _("Show my data"), callback_data=show)  # full row
    delete = PrivacyCb(action="delete", origin=origin)
    builder.button(text="🗑 " + _("Delete all my data"), callback_data=delete)  # full row
    builder.button(text=back(_("Back")), callback_data=MenuCb(to=BACK_TO[origin]))


def privacy_screen(
    retention_months: int, page: int, origin: PrivacyFrom, provider: str = "none"
) -> tuple[str, InlineKeyboardMarkup]:
    """One page of the full text (an unknown page shows the last) and its buttons; `provider`:
    TRANSLATE_PROVIDER, named in the text when set."""
    pages = privacy_pages(retention_months, provider=provider)
    page = min(page, len(pages) - 1)
    builder = InlineKeyboardBuilder()
    total = len(pages)
    if page > 0:
        label = back(f"{page}/{total}")
        builder.button(text=label, callback_data=PrivacyPageCb(page=page - 1, origin=origin))
    if page < total - 1:
        label = forward(f"{page + 2}/{total}")
        builder.button(text=label, callback_data=PrivacyPageCb(page=page + 1, origin=origin))
    # The page buttons share the first row; the data buttons have a row each (adjust below).
    add_data_buttons(builder, origin)
    builder.adjust(*([2 if 0 < page < total - 1 else 1] if total > 1 else []), 1, 1, 1)
    return pages[page], builder.as_markup()
