"""/newpoll, the languages screen's "🌐 Translate into the other languages": every missing
variant (question and answers) machine-translated from the German as a draft, for review.

language --🌐 Translate--> language again, the new drafts marked 🌐 and named, the languages
the provider could not do named too (they get the German poll unless staff add a variant)

Without a provider (TRANSLATE_PROVIDER=none) the button says so and nothing changes.
"""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.keyboards.callbacks import PollWizCb
from bot.presentation.machine_note import not_configured, translated_lines
from bot.services.polls.translation import translate_draft
from bot.services.translation.engine import Translator
from handlers.common import show
from handlers.polls.new.draft import PollFlow, languages_keyboard, machine_of
from handlers.polls.new.wizard import EDITOR


async def translate_variants(
    callback: CallbackQuery,
    state: FSMContext,
    session: AsyncSession,
    translator: Translator | None,
    callback_answer: CallbackAnswer,
) -> None:
    """Fill the missing variants from the German; show what was made and what is missing."""
    if translator is None:
        callback_answer.text, callback_answer.show_alert = not_configured(), True
        return
    data = await state.get_data()
    questions, options, filled = await translate_draft(
        session, translator, data["questions"], data["options"]
    )
    machine = sorted(machine_of(data) | set(filled.versions))
    await state.update_data(questions=questions, options=options, machine=machine)
    head = _("Which language? People get the poll in their language if it exists, else German.")
    text = "\n\n".join([head, *translated_lines(sorted(filled.versions), filled.missing)])
    await show(callback, text, languages_keyboard(set(questions), set(machine)))


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(
        translate_variants,
        PollWizCb.filter(F.action == "translate"),
        StateFilter(PollFlow.language),
        EDITOR,
    )
    return router
