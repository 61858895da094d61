"""/announce, step 3: who gets the announcement, with the recipient count on every screen.

languages --Continue--> audience --Everyone--> audience (filters cleared)
audience --Districts | Age groups | Topics | Languages--> kind --toggle--> kind
kind --Back--> audience --Continue--> preview (send.py)
"""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.announce import audience_keyboard
from bot.keyboards.audience import KINDS, kind_keyboard, kind_label, narrowing_hint
from bot.keyboards.callbacks import AnnounceCb, AudienceCb
from bot.presentation.audience import audience_lines, recipients_line
from bot.services import audience as audiences
from bot.services.audience import Audience, UnknownAudienceValue
from handlers.announcements.draft import (
    EDITOR,
    AnnounceFlow,
    audience_of,
)
from handlers.announcements.send import show_preview
from handlers.common import show


async def show_audience(
    callback: CallbackQuery, state: FSMContext, session: AsyncSession, settings: Settings
) -> None:
    """The audience overview."""
    await state.set_state(AnnounceFlow.audience)
    audience = audience_of(await state.get_data())
    count = await audiences.count(session, audience, settings.default_language)
    lines = [
        _("<b>Who should get the announcement?</b>"),
        *audience_lines(audience),
        recipients_line(count),
        "",
        narrowing_hint(),
    ]
    await show(callback, "\n".join(lines), audience_keyboard(audience))


async def show_kind(
    callback: CallbackQuery,
    kind: str,
    audience: Audience,
    session: AsyncSession,
    settings: Settings,
) -> None:
    """The toggles of one filter kind."""
    count = await audiences.count(session, audience, settings.default_language)
    lines = [
        f"<b>{kind_label(kind)}</b>",
        _("Tap to choose, tap again to remove. Several choices mean “or”."),
        recipients_line(count),
    ]
    await show(
        callback, "\n".join(lines), kind_keyboard(kind, audience, AnnounceCb(action="audience"))
    )


async def open_audience(
    callback: CallbackQuery, state: FSMContext, session: AsyncSession, settings: Settings
) -> None:
    """From the languages, or back from one filter kind."""
    await show_audience(callback, state, session, settings)


async def everyone(
    callback: CallbackQuery, state: FSMContext, session: AsyncSession, settings: Settings
) -> None:
    """Clear every filter."""
    await state.update_data(audience=Audience().to_json())
    await show_audience(callback, state, session, settings)


async def open_kind(
    callback: CallbackQuery,
    callback_data: AnnounceCb,
    state: FSMContext,
    session: AsyncSession,
    settings: Settings,
) -> None:
    """Show the toggles of one kind."""
    audience = audience_of(await state.get_data())
    await show_kind(callback, callback_data.value, audience, session, settings)


async def toggle(
    callback: CallbackQuery,
    callback_data: AudienceCb,
    state: FSMContext,
    session: AsyncSession,
    settings: Settings,
    callback_answer: CallbackAnswer,
) -> None:
    """Add or remove one value; values outside the vocabulary change nothing."""
    current = audience_of(await state.get_data())
    try:
        audience = current.toggled(callback_data.kind, callback_data.value)
    except UnknownAudienceValue:
        callback_answer.text = _("This button is no longer valid.")
        return
    await state.update_data(audience=audience.to_json())
    await show_kind(callback, callback_data.kind, audience, session, settings)


async def to_preview(
    callback: CallbackQuery, state: FSMContext, bot: Bot, session: AsyncSession, settings: Settings
) -> None:
    """Audience chosen: show the preview."""
    await show_preview(callback, state, bot, session, settings)


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(
        open_audience,
        AnnounceCb.filter(F.action == "audience"),
        StateFilter(AnnounceFlow.languages, AnnounceFlow.translation, AnnounceFlow.audience),
        EDITOR,
    )
    router.callback_query.register(
        everyone,
        AnnounceCb.filter(F.action == "everyone"),
        StateFilter(AnnounceFlow.audience),
        EDITOR,
    )
    router.callback_query.register(
        open_kind,
        AnnounceCb.filter((F.action == "kind") & F.value.in_(KINDS)),
        StateFilter(AnnounceFlow.audience),
        EDITOR,
    )
    router.callback_query.register(
        toggle, AudienceCb.filter(F.kind.in_(KINDS)), StateFilter(AnnounceFlow.audience), EDITOR
    )
    router.callback_query.register(
        to_preview,
        AnnounceCb.filter(F.action == "preview"),
        StateFilter(AnnounceFlow.audience),
        EDITOR,
    )
    return router
