"""Ideas menu and handing in an idea, steps 1–5 (preview and sending: send.py).

    Main menu --Ideas--> ideas menu --Hand in--> topic --a topic--> district
    district --a district or whole city--> text --20–2,000 characters--> photos
    photos --photo (up to 3)--> photos --Skip/Done or the third photo--> location
    location --location pin / Skip--> preview                                   (send.py)
    preview --Edit--> one part --its answer--> preview; --Send--> stored, end; --Cancel--> end
    any step --/cancel, /menu, main menu--> end; nothing is stored

Wrong input keeps the step and says what is expected. The draft lives in FSM storage,
so after a restart the resident continues at the same step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.callbacks import IdeaCb, MenuCb
from bot.keyboards.ideas import ideas_menu_keyboard
from bot.presentation.idea_input import photo_of, text_problem
from bot.services.clock import Clock
from bot.services.ideas.lifecycle import (
    IDEA_DISTRICTS,
    MAX_PHOTOS,
    IdeaError,
    check_text,
    remaining_today,
)
from bot.services.profile import TOPICS
from handlers.common import show
from handlers.ideas.draft import (
    IdeaFlow,
    district_question,
    goes_to_platform,
    limit_text,
    location_question,
    new_draft,
    photos_question,
    text_question,
    topic_question,
)
from handlers.ideas.send import show_preview

if TYPE_CHECKING:
    from db.models import User


async def ideas_menu(callback: CallbackQuery, state: FSMContext) -> None:
    """The Ideas menu."""
    await state.set_state(None)
    text = _(
        "<b>Ideas</b>\nYou have an idea for Duisburg? Hand it in here, in any language. "
        "We tell you what happens to it."
    )
    await show(callback, text + "\n" + goes_to_platform(), ideas_menu_keyboard())


async def start(
    callback: CallbackQuery,
    state: FSMContext,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    user: User,
) -> None:
    """Start a new draft, unless today's limit is reached."""
    if await remaining_today(session, clock, user, settings.ideas_per_day) <= 0:
        await show(callback, limit_text(settings.ideas_per_day), ideas_menu_keyboard())
        return
    await new_draft(state)
    await show(callback, *topic_question())


async def next_step(message: Message | CallbackQuery, state: FSMContext, following: str) -> None:
    """Go on to the following step, or back to the preview when one part was changed."""
    data = await state.get_data()
    if data.get("editing") and following != "photos_more":
        await show_preview(message, state)
        return
    target = message.message if isinstance(message, CallbackQuery) else message
    assert isinstance(target, Message)
    if following in ("photos", "photos_more"):
        await state.set_state(IdeaFlow.photos)
        text, markup = photos_question(len(data.get("photos") or []))
    else:
        await state.set_state(IdeaFlow.location)
        text, markup = location_question()
    await target.answer(text, reply_markup=markup)


async def topic(
    callback: CallbackQuery, callback_data: IdeaCb, state: FSMContext, user: User
) -> None:
    """Step 1: the topic."""
    if callback_data.value not in TOPICS:
        return
    await state.update_data(topic=callback_data.value)
    data = await state.get_data()
    if data.get("editing"):
        await show_preview(callback, state)
        return
    await state.set_state(IdeaFlow.district)
    await show(callback, *district_question(user))


async def district(callback: CallbackQuery, callback_data: IdeaCb, state: FSMContext) -> None:
    """Step 2: a district or the whole city."""
    if callback_data.value not in IDEA_DISTRICTS:
        return
    await state.update_data(district=callback_data.value)
    data = await state.get_data()
    if data.get("editing"):
        await show_preview(callback, state)
        return
    await state.set_state(IdeaFlow.text)
    await show(callback, text_question())


async def text(message: Message, state: FSMContext) -> None:
    """Step 3: the text, 20–2,000 characters, plain (shown escaped everywhere)."""
    if not message.text or message.text.startswith("/"):
        await message.answer(_("Please send your idea as a text message, or /cancel to stop."))
        return
    try:
        idea_text = check_text(message.text)
    except IdeaError as error:
        await message.answer(text_problem(error))
        return
    await state.update_data(text=idea_text)
    await next_step(message, state, "photos")


async def photo(message: Message, state: FSMContext) -> None:
    """Step 4: up to three photos; the third goes on by itself."""
    file_id, problem = photo_of(message)
    if problem is not None or file_id is None:
        await message.answer(problem or "")
        return
    data = await state.get_data()
    photos = [*(data.get("photos") or []), file_id][:MAX_PHOTOS]
    await state.update_data(photos=photos)
    if len(photos) >= MAX_PHOTOS:
        await next_step(message, state, "location")
    else:
        await next_step(message, state, "photos_more")


async def photos_done(callback: CallbackQuery, state: FSMContext) -> None:
    """Skip or finish the photos."""
    await next_step(callback, state, "location")


async def location(message: Message, state: FSMContext) -> None:
    """Step 5: a location pin (or a venue)."""
    if message.location is None:
        text, markup = location_question()
        await message.answer(_("Please share a location, or tap Skip.") + "\n\n" + text,
                             reply_markup=markup)  # fmt: skip
        return
    await state.update_data(lat=message.location.latitude, lon=message.location.longitude)
    await show_preview(message, state)


async def location_skipped(callback: CallbackQuery, state: FSMContext) -> None:
    """No location."""
    await show_preview(callback, state)


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(ideas_menu, MenuCb.filter(F.to == "ideas"))
    router.callback_query.register(start, IdeaCb.filter(F.action == "new"))
    router.callback_query.register(
        topic, IdeaCb.filter(F.action == "topic"), StateFilter(IdeaFlow.topic)
    )
    router.callback_query.register(
        district, IdeaCb.filter(F.action == "district"), StateFilter(IdeaFlow.district)
    )
    router.message.register(text, StateFilter(IdeaFlow.text))
    router.message.register(photo, StateFilter(IdeaFlow.photos))
    router.callback_query.register(
        photos_done, IdeaCb.filter(F.action == "photos_done"), StateFilter(IdeaFlow.photos)
    )
    router.message.register(location, StateFilter(IdeaFlow.location))
    router.callback_query.register(
        location_skipped, IdeaCb.filter(F.action == "location_done"), StateFilter(IdeaFlow.location)
    )
    return router
