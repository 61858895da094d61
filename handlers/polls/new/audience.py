"""/newpoll audience: who gets the poll, with the count reached on every screen.

preview --Change audience--> audience --Everyone--> audience (filters cleared, residents on)
audience --Districts | Age groups | Topics | Languages--> kind --toggle--> kind --Back--> audience
audience --Residents | Registered youth groups--> audience (on/off)
audience --Back to the preview--> preview (preview.py)

The filters and their keyboards are the announcement wizard's (bot.keyboards.audience).
"""

from __future__ import annotations

from dataclasses import replace

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.audience import (
    KINDS,
    filter_buttons,
    kind_keyboard,
    kind_label,
    narrowing_hint,
)
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import AudienceCb, PollWizCb
from bot.keyboards.common import back
from bot.presentation.audience import recipients_line
from bot.services import audience as audiences
from bot.services import youth_groups
from bot.services.audience import Audience, UnknownAudienceValue
from bot.services.polls.input import PollAudience, PollError
from handlers.common import show
from handlers.polls.new.draft import PollFlow, audience_of, audience_words, problem
from handlers.polls.new.wizard import EDITOR


def audience_keyboard(audience: PollAudience) -> InlineKeyboardMarkup:
    """Everyone, the filter kinds, residents and youth groups on/off, back, cancel."""
    builder = InlineKeyboardBuilder()
    everyone = audience.include_residents and audience.residents.everyone
    filter_buttons(builder, audience.residents, PollWizCb, everyone=everyone)
    for action, label, on in (
        ("residents", _("Residents"), audience.include_residents),
        ("groups", _("Registered youth groups"), audience.groups),
    ):
        # full row
        builder.button(text=("✅ " if on else "") + label, callback_data=PollWizCb(action=action))
    # full row
    builder.button(text=back(_("Back to the preview")), callback_data=PollWizCb(action="preview"))
    # full row
    builder.button(text="✖️ " + _("Cancel"), callback_data=PollWizCb(action="cancel"))
    builder.adjust(1, 2, 2, 1, 1, 1, 1)
    return builder.as_markup()


async def reach_lines(
    session: AsyncSession, audience: PollAudience, settings: Settings
) -> list[str]:
    """How many residents and youth groups the poll reaches right now."""
    lines = []
    if audience.include_residents:
        count = await audiences.count(session, audience.residents, settings.default_language)
        lines.append(recipients_line(count))
    if audience.groups:
        groups = await youth_groups.approved_count(session)
        lines.append(_("Registered youth groups right now: {count}").format(count=groups))
        if not (groups or audience.include_residents):
            lines.append("⚠️ " + _("Nobody matches this audience right now."))
    if not (audience.include_residents or audience.groups):
        lines.append("⚠️ " + problem(PollError("no_audience", "")))
    return lines


async def show_audience(
    callback: CallbackQuery, state: FSMContext, session: AsyncSession, settings: Settings
) -> None:
    """The audience overview."""
    await state.set_state(PollFlow.audience)
    audience = audience_of(await state.get_data())
    lines = [
        _("<b>Who should get the poll?</b>"),
        *audience_words(audience),
        *await reach_lines(session, audience, settings),
        "",
        narrowing_hint(),
    ]
    await show(callback, "\n".join(lines), audience_keyboard(audience))


async def show_kind(
    callback: CallbackQuery, kind: str, audience: PollAudience, session: AsyncSession,
    settings: Settings,
) -> None:  # fmt: skip
    """The toggles of one filter kind."""
    lines = [
        f"<b>{kind_label(kind)}</b>",
        _("Tap to choose, tap again to remove. Several choices mean “or”."),
        *await reach_lines(session, audience, settings),
    ]
    back_to = PollWizCb(action="audience")
    await show(callback, "\n".join(lines), kind_keyboard(kind, audience.residents, back_to))


async def open_audience(
    callback: CallbackQuery, state: FSMContext, session: AsyncSession, settings: Settings
) -> None:
    """From the preview, or back from one filter kind."""
    await show_audience(callback, state, session, settings)


async def switch(
    callback: CallbackQuery, callback_data: PollWizCb, state: FSMContext, session: AsyncSession,
    settings: Settings,
) -> None:  # fmt: skip
    """Everyone (all residents, no filter), or residents / youth groups on or off."""
    current = audience_of(await state.get_data())
    if callback_data.action == "everyone":
        audience = replace(current, residents=Audience(), include_residents=True)
    elif callback_data.action == "residents":
        audience = replace(current, include_residents=not current.include_residents)
    else:
        audience = replace(current, groups=not current.groups)
    await state.update_data(audience=audience.to_json())
    await show_audience(callback, state, session, settings)


async def open_kind(
    callback: CallbackQuery, callback_data: PollWizCb, state: FSMContext, session: AsyncSession,
    settings: Settings,
) -> None:  # fmt: skip
    """Show the toggles of one kind."""
    audience = audience_of(await state.get_data())
    await show_kind(callback, callback_data.value, audience, session, settings)


async def toggle(
    callback: CallbackQuery, callback_data: AudienceCb, state: FSMContext, session: AsyncSession,
    settings: Settings, callback_answer: CallbackAnswer,
) -> None:  # fmt: skip
    """Add or remove one value (a filter means residents); unknown values change nothing."""
    current = audience_of(await state.get_data())
    try:
        residents = current.residents.toggled(callback_data.kind, callback_data.value)
    except UnknownAudienceValue:
        callback_answer.text = _("This button is no longer valid.")
        return
    audience = replace(current, residents=residents, include_residents=True)
    await state.update_data(audience=audience.to_json())
    await show_kind(callback, callback_data.kind, audience, session, settings)


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(
        open_audience,
        PollWizCb.filter(F.action == "audience"),
        StateFilter(PollFlow.preview, PollFlow.audience),
        EDITOR,
    )
    router.callback_query.register(
        switch,
        PollWizCb.filter(F.action.in_(("everyone", "residents", "groups"))),
        StateFilter(PollFlow.audience),
        EDITOR,
    )
    router.callback_query.register(
        open_kind,
        PollWizCb.filter((F.action == "kind") & F.value.in_(KINDS)),
        StateFilter(PollFlow.audience),
        EDITOR,
    )
    router.callback_query.register(
        toggle, AudienceCb.filter(), StateFilter(PollFlow.audience), EDITOR
    )
    return router
