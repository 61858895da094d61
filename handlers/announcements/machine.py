"""/announce, the language step's "🌐 Translate into the other languages": every missing
version machine-translated from the German as a draft, listed for review.

languages --🌐 Translate--> languages again, the new drafts marked 🌐 and named, the languages
the provider could not do named too (they get the German text unless staff add a version)

Without a provider (TRANSLATE_PROVIDER=none) the button says so and nothing changes.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from sqlalchemy.ext.asyncio import AsyncSession

from bot.keyboards.announce import languages_keyboard
from bot.keyboards.callbacks import AnnounceCb
from bot.presentation.machine_note import not_configured, translated_lines
from bot.services.campaigns.translation import translate_draft
from bot.services.translation.engine import Translator
from handlers.announcements.draft import EDITOR, AnnounceFlow, languages_text, machine_of
from handlers.common import show


async def translate_versions(
    callback: CallbackQuery,
    state: FSMContext,
    session: AsyncSession,
    translator: Translator | None,
    callback_answer: CallbackAnswer,
) -> None:
    """Fill the missing versions from the German; show what was made and what is missing."""
    if translator is None:
        callback_answer.text, callback_answer.show_alert = not_configured(), True
        return
    data = await state.get_data()
    texts, filled = await translate_draft(
        session, translator, data["texts"], photo=bool(data.get("photo"))
    )
    machine = sorted(machine_of(data) | set(filled.versions))
    await state.update_data(texts=texts, machine=machine)
    data = await state.get_data()
    lines = translated_lines(sorted(filled.versions), filled.missing)
    text = "\n\n".join([languages_text(data), *lines])
    await show(callback, text, languages_keyboard(set(texts), set(machine)))


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(
        translate_versions,
        AnnounceCb.filter(F.action == "translate"),
        StateFilter(AnnounceFlow.languages),
        EDITOR,
    )
    return router
