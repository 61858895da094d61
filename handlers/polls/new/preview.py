"""/newpoll preview: settings, translations, send and cancel (see handlers.polls.new.wizard)."""

from __future__ import annotations

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.filters import Has
from bot.i18n import language_here
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import PollWizCb
from bot.keyboards.common import back, main_menu_keyboard
from bot.presentation.machine_note import current_version_question
from bot.services.clock import Clock
from bot.services.polls import lifecycle as polls
from bot.services.polls.input import PollError, check_options, check_question
from handlers.common import main_menu_text, show
from handlers.polls.new.draft import (
    OTHER_LANGUAGES,
    PollFlow,
    draft_of,
    languages_keyboard,
    machine_of,
    preview_keyboard,
    preview_text,
    problem,
    version_text,
)
from handlers.polls.new.wizard import EDITOR, answers_of

TOGGLES = ("multiple", "show")


def back_to_languages() -> InlineKeyboardMarkup:
    """Back to the languages, keeping the variant under review."""
    builder = InlineKeyboardBuilder()
    builder.button(text=back(_("Back")), callback_data=PollWizCb(action="languages"))
    return builder.as_markup()


async def toggle(
    callback: CallbackQuery, callback_data: PollWizCb, state: FSMContext, settings: Settings
) -> None:
    """Flip one setting and show the preview again."""
    data = await state.get_data()
    await state.update_data({callback_data.action: not data[callback_data.action]})
    data = await state.get_data()
    await show(callback, preview_text(data, settings.zone), preview_keyboard(data))


async def languages(callback: CallbackQuery, state: FSMContext) -> None:
    """Choose a language to add (or replace)."""
    data = await state.get_data()
    await state.set_state(PollFlow.language)
    text = _("Which language? People get the poll in their language if it exists, else German.")
    await show(callback, text, languages_keyboard(set(data["questions"]), machine_of(data)))


async def language(callback: CallbackQuery, callback_data: PollWizCb, state: FSMContext) -> None:
    """Ask for the question in that language; a variant that exists is shown first, for review
    (a machine-made draft above all), with a way back that keeps it."""
    code = callback_data.value
    data = await state.get_data()
    await state.update_data(lang=code)
    await state.set_state(PollFlow.translated_question)
    language = _("Language: {language}").format(language=language_here(code))
    ask = _("Send the question in this language.")
    if code not in data["questions"]:
        await show(callback, language + "\n" + ask, None)
        return
    text = "\n\n".join([language, version_text(data, code), current_version_question(), ask])
    await show(callback, text, back_to_languages())


async def translated_question(message: Message, state: FSMContext) -> None:
    """The question in the chosen language."""
    data = await state.get_data()
    try:
        text = check_question(message.text or "")
    except PollError as error:
        await message.answer(problem(error))
        return
    await state.update_data(question=text)
    await state.set_state(PollFlow.translated_options)
    count = len(data["options"]["de"])
    language = _("Language: {language}").format(language=language_here(data["lang"]))
    ask = ngettext(
        "Now send the {count} answer in this language, one per line, in the German order.",
        "Now send the {count} answers in this language, one per line, in the German order.",
        count,
    )
    await message.answer(language + "\n" + ask.format(count=count))


async def translated_options(message: Message, state: FSMContext, settings: Settings) -> None:
    """The answers in the chosen language (as many as in German)."""
    data = await state.get_data()
    expected = len(data["options"]["de"])
    try:
        answers = check_options(answers_of(message))
        if len(answers) != expected:
            raise PollError("option_count_differs", "", expected=expected)
    except PollError as error:
        await message.answer(problem(error))
        return
    code = data["lang"]
    await state.update_data(
        questions={**data["questions"], code: data["question"]},
        options={**data["options"], code: answers},
        machine=sorted(machine_of(data) - {code}),  # typed by staff: their own variant now
    )
    await state.set_state(PollFlow.preview)
    data = await state.get_data()
    await message.answer(preview_text(data, settings.zone), reply_markup=preview_keyboard(data))


async def back_to_preview(callback: CallbackQuery, state: FSMContext, settings: Settings) -> None:
    """Back from the languages (none added) or from the audience."""
    await state.set_state(PollFlow.preview)
    data = await state.get_data()
    await show(callback, preview_text(data, settings.zone), preview_keyboard(data))


async def send(
    callback: CallbackQuery, callback_data: PollWizCb, state: FSMContext, session: AsyncSession,
    clock: Clock, settings: Settings,
) -> None:  # fmt: skip
    """Store the poll and queue it; a second press of the same draft creates nothing."""
    data = await state.get_data()
    if callback_data.value != data.get("id") or callback.from_user is None:
        return
    try:
        poll = await polls.create(
            session, clock, draft_of(data), callback.from_user.id,
            draft_key=f"{callback.from_user.id}:{data['id']}",
            default_language=settings.default_language,
        )  # fmt: skip
    except PollError as error:
        await show(callback, problem(error), preview_keyboard(data))
        return
    await state.clear()
    text = _("Poll {id} is on its way. See the results any time with /results {id}.")
    await show(callback, text.format(id=poll.id), main_menu_keyboard())


async def cancel(callback: CallbackQuery, state: FSMContext) -> None:
    """Throw the draft away."""
    await state.clear()
    done = _("The poll was discarded. Nothing was sent.")
    await show(callback, done + "\n\n" + main_menu_text(), main_menu_keyboard())


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(
        toggle, PollWizCb.filter(F.action.in_(TOGGLES)), StateFilter(PollFlow.preview), EDITOR
    )
    router.callback_query.register(
        languages,
        PollWizCb.filter(F.action == "languages"),
        StateFilter(PollFlow.preview, PollFlow.translated_question, PollFlow.translated_options),
        EDITOR,
    )
    router.callback_query.register(
        language,
        PollWizCb.filter((F.action == "lang") & F.value.in_(OTHER_LANGUAGES)),
        StateFilter(PollFlow.language),
        EDITOR,
    )
    router.message.register(
        translated_question, StateFilter(PollFlow.translated_question), EDITOR, Has("text")
    )
    router.message.register(
        translated_options, StateFilter(PollFlow.translated_options), EDITOR, Has("text")
    )
    router.callback_query.register(
        back_to_preview,
        PollWizCb.filter(F.action == "preview"),
        StateFilter(PollFlow.language, PollFlow.audience),
        EDITOR,
    )
    router.callback_query.register(
        send, PollWizCb.filter(F.action == "send"), StateFilter(PollFlow.preview), EDITOR
    )
    router.callback_query.register(
        cancel, PollWizCb.filter(F.action == "cancel"), StateFilter(PollFlow), EDITOR
    )
    return router
