"""Information pages from the database, German fallback marked as such; Privacy from the code."""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import get_i18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import InfoCb, MenuCb, PrivacyFrom
from bot.keyboards.common import back, back_to_menu_button
from bot.presentation.info import page_parts
from bot.presentation.machine_note import note_line
from bot.services import info
from handlers.common import show
from handlers.privacy.view import privacy_screen


async def list_pages(callback: CallbackQuery, session: AsyncSession) -> None:
    """One button per page, titled in the reader's language."""
    pages = await info.list_pages(session, get_i18n().current_locale)
    builder = InlineKeyboardBuilder()
    for page in pages:
        builder.button(text=page.title, callback_data=InfoCb(slug=page.slug))
    # Last, as the seeded page was: the same text as /privacy, from the code.
    builder.button(text=_("Privacy"), callback_data=InfoCb(slug=info.PRIVACY_SLUG))
    builder.add(back_to_menu_button())
    builder.adjust(1)
    await show(callback, _("<b>Information</b>\nWhat would you like to know?"), builder.as_markup())


async def open_page(
    callback: CallbackQuery,
    callback_data: InfoCb,
    session: AsyncSession,
    callback_answer: CallbackAnswer,
    settings: Settings,
) -> None:
    """Show one page; a page that does not exist (any more) leads back to the list."""
    if callback_data.slug == info.PRIVACY_SLUG:
        await show(
            callback,
            *privacy_screen(
                settings.retention_months, 0, PrivacyFrom.INFO, settings.translate_provider
            ),
        )
        return
    page = await info.get_page(session, callback_data.slug, get_i18n().current_locale)
    if page is None:
        callback_answer.text = _("This page no longer exists.")
        await list_pages(callback, session)
        return
    parts = page_parts(page.title, page.body)
    if page.fallback:
        parts.append("<i>" + _("This page is only available in German.") + "</i>")
    if page.machine:
        parts.append("<i>" + escape(note_line()) + "</i>")
    builder = InlineKeyboardBuilder()
    builder.button(text=back(_("Back")), callback_data=MenuCb(to="info"))
    builder.add(back_to_menu_button())
    builder.adjust(2)
    await show(callback, "\n\n".join(parts), builder.as_markup())


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(list_pages, MenuCb.filter(F.to == "info"))
    router.callback_query.register(open_page, InfoCb.filter())
    return router
