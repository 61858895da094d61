"""/newmeeting, the summary's other languages: "🌐 Translate other languages" fills every
missing title and description from the German as drafts; a language's button shows its version
(as residents get it) and takes a replacement.

confirm --🌐 Translate--> confirm, the new drafts marked 🌐 and named, the languages the provider
could not do named too; confirm --a language--> review --"title\\ndescription"--> confirm
review --Back--> confirm (the version kept)

Without a provider (TRANSLATE_PROVIDER=none) the button says so and nothing changes.
"""

from __future__ import annotations

from html import escape

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.filters import Has
from bot.i18n import language_here
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import MeetingStaffCb
from bot.keyboards.common import back
from bot.presentation.machine_note import (
    current_version_question,
    not_configured,
    translated_lines,
    with_note,
)
from bot.services.meetings.lifecycle import TEXT_MAX, TITLE_MAX
from bot.services.meetings.translation import translate_texts
from bot.services.text_length import utf16_len
from bot.services.translation.engine import Translator
from handlers.meetings.staff.wizard import EDITOR, Wizard, confirm
from handlers.meetings.staff.wizard_steps import machine_of, versions_of


class Review(StatesGroup):
    """One language version of the new meeting, open for a replacement."""

    version = State()


async def translate(
    callback: CallbackQuery, state: FSMContext, session: AsyncSession,
    translator: Translator | None, settings: Settings, callback_answer: CallbackAnswer,
) -> None:  # fmt: skip
    """Fill the missing languages from the German; the summary again, saying what was made."""
    if translator is None:
        callback_answer.text, callback_answer.show_alert = not_configured(), True
        return
    if not isinstance(callback.message, Message):
        return
    data = await state.get_data()
    versions = versions_of(data)
    filled = await translate_texts(
        session, translator, data["title"], data.get("description") or "", set(versions)
    )
    machine = sorted(machine_of(data) | set(filled.versions))
    await state.update_data(versions=versions | filled.versions, machine=machine)
    await callback.message.edit_reply_markup(reply_markup=None)
    lines = translated_lines(sorted(filled.versions), filled.missing)
    await confirm(callback.message, state, settings, lines)


def review_text(code: str, texts: list[str], machine: bool) -> str:
    """A version as residents read it (title, description, the note), then what to send."""
    body = f"<b>{escape(texts[0])}</b>" + (f"\n{escape(texts[1])}" if texts[1] else "")
    version = _("Version: {language}").format(language=language_here(code))
    how = _("First line: the title; the lines below it: the description.")
    return "\n\n".join([version, with_note(body, code, machine), current_version_question(), how])


def back_keyboard() -> InlineKeyboardMarkup:
    """Back to the summary, keeping the version."""
    builder = InlineKeyboardBuilder()
    builder.button(text=back(_("Back")), callback_data=MeetingStaffCb(action="summary"))
    return builder.as_markup()


async def open_version(
    callback: CallbackQuery, callback_data: MeetingStaffCb, state: FSMContext,
    callback_answer: CallbackAnswer,
) -> None:  # fmt: skip
    """Show one language's version for review."""
    data = await state.get_data()
    texts = versions_of(data).get(callback_data.v)
    if texts is None or not isinstance(callback.message, Message):
        callback_answer.text = _("This button is no longer valid.")
        return
    await state.set_state(Review.version)
    await state.update_data(lang=callback_data.v)
    await callback.message.edit_reply_markup(reply_markup=None)
    machine = callback_data.v in machine_of(data)
    await callback.message.answer(
        review_text(callback_data.v, texts, machine), reply_markup=back_keyboard()
    )


async def replaced(message: Message, state: FSMContext, settings: Settings) -> None:
    """Staff's own title (first line) and description (the rest) for the language."""
    title, _newline, description = (message.text or "").strip().partition("\n")
    title, description = title.strip(), description.strip()
    if not title or utf16_len(title) > TITLE_MAX or utf16_len(description) > TEXT_MAX:
        await message.answer(_("That does not fit, please try again."))
        return
    data = await state.get_data()
    code = data["lang"]
    versions = versions_of(data) | {code: [title, description]}
    # Typed by staff: their own version now, without the machine-translated note.
    await state.update_data(versions=versions, machine=sorted(machine_of(data) - {code}))
    await confirm(message, state, settings)


async def back_to_summary(callback: CallbackQuery, state: FSMContext, settings: Settings) -> None:
    """Keep the version as it is."""
    if isinstance(callback.message, Message):
        await callback.message.edit_reply_markup(reply_markup=None)
        await confirm(callback.message, state, settings)


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(
        translate, MeetingStaffCb.filter(F.action == "translate"), StateFilter(Wizard.confirm),
        EDITOR,
    )  # fmt: skip
    router.callback_query.register(
        open_version, MeetingStaffCb.filter(F.action == "version"), StateFilter(Wizard.confirm),
        EDITOR,
    )  # fmt: skip
    router.message.register(replaced, StateFilter(Review.version), Has("text"), EDITOR)
    router.callback_query.register(
        back_to_summary, MeetingStaffCb.filter(F.action == "summary"),
        StateFilter(Review.version), EDITOR,
    )  # fmt: skip
    return router
