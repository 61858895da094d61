"""/announce: the staff's announcement wizard (editor role, re-checked at every step and press).

    /announce --> text --German text, or photo with caption--> languages
    languages --a language--> translation --its text (caption)--> languages
    languages --🌐 Translate--> languages with machine-made drafts (machine.py); a language
        with a version shows it first, then asks for a replacement
    languages --Continue--> audience                      (audience.py)
    audience --Continue--> preview --Send now--> campaign + progress message, end
    preview --Schedule--> schedule --future date--> preview --Confirm--> campaign  (send.py)
    any step --Cancel, /cancel, main menu--> end; nothing is stored

Invalid input keeps the step and says what is wrong. People without the role never get here:
their /announce gets "staff only" from the fallback; their presses count as stale buttons.
The draft lives in FSM storage, so a restart continues at the same step.
"""

from __future__ import annotations

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, Message
from aiogram.utils.i18n import gettext as _

from bot.keyboards.announce import languages_keyboard
from bot.keyboards.callbacks import AnnounceCb
from bot.keyboards.common import main_menu_keyboard
from bot.services.campaigns.input import check_text
from bot.services.campaigns.lifecycle import CampaignError
from handlers.announcements.draft import (
    EDITOR,
    OTHER_LANGUAGES,
    AnnounceFlow,
    chat_id_of,
    close,
    languages_text,
    machine_of,
    new_draft,
    send_version,
    staff_html,
    text_problem,
    translation_question,
)
from handlers.common import main_menu_text, show


def text_question() -> str:
    """The first step's question."""
    return "\n".join(
        (
            _(
                "Send the German text of the announcement (formatting allowed), "
                "or a photo with a caption."
            ),
            _("Send /cancel to stop."),
        )
    )


def wrong_kind(photo_allowed: bool) -> str:
    """Stickers, voice, files and the like: say what is expected."""
    if photo_allowed:
        return _(
            "I can only use a text message or a photo with a caption for an announcement. "
            "Please send one of those, or /cancel to stop."
        )
    return _("Please send the text as a normal message, or /cancel to stop.")


async def announce(message: Message, state: FSMContext) -> None:
    """Start a new draft (a previous unsent draft is discarded)."""
    await new_draft(state)
    await message.answer(text_question())


async def german_text(message: Message, state: FSMContext) -> None:
    """The German text, or a photo (largest size) with the German caption."""
    if message.photo:
        photo: str | None = message.photo[-1].file_id
    elif message.text and not message.text.startswith("/"):
        photo = None
    else:
        await message.answer(wrong_kind(photo_allowed=True))
        return
    text = staff_html(message)
    try:
        check_text(text, caption=photo is not None)
    except CampaignError as error:
        await message.answer(text_problem(error, caption=photo is not None))
        return
    await state.update_data(texts={"de": text}, photo=photo, machine=[])
    await state.set_state(AnnounceFlow.languages)
    data = await state.get_data()
    await message.answer(languages_text(data), reply_markup=languages_keyboard({"de"}))


async def choose_language(
    callback: CallbackQuery, callback_data: AnnounceCb, state: FSMContext, bot: Bot
) -> None:
    """Ask for the text in the chosen language; a version that exists is shown first, exactly
    as its recipients get it, for review (a machine-made draft above all)."""
    data = await state.get_data()
    code = callback_data.value
    await state.set_state(AnnounceFlow.translation)
    await state.update_data(lang=code)
    if code not in data["texts"]:
        await show(callback, *translation_question(code, bool(data.get("photo"))))
        return
    await close(callback)
    await send_version(bot, chat_id_of(callback), data, code)
    text, markup = translation_question(code, bool(data.get("photo")), existing=True)
    await bot.send_message(chat_id_of(callback), text, reply_markup=markup)


async def back_to_languages(callback: CallbackQuery, state: FSMContext) -> None:
    """Back to the language overview without adding anything."""
    await state.set_state(AnnounceFlow.languages)
    data = await state.get_data()
    await show(
        callback, languages_text(data), languages_keyboard(set(data["texts"]), machine_of(data))
    )


async def translation(message: Message, state: FSMContext) -> None:
    """One language's text (for a photo: its caption); the photo stays the same."""
    data = await state.get_data()
    code, photo = data.get("lang"), bool(data.get("photo"))
    if code not in OTHER_LANGUAGES or not message.text or message.text.startswith("/"):
        await message.answer(wrong_kind(photo_allowed=False))
        return
    text = staff_html(message)
    try:
        check_text(text, caption=photo)
    except CampaignError as error:
        await message.answer(text_problem(error, caption=photo))
        return
    texts = {**data["texts"], code: text}
    # Typed by staff: their own version now, without the machine-translated note.
    machine = sorted(machine_of(data) - {code})
    await state.update_data(texts=texts, lang=None, machine=machine)
    await state.set_state(AnnounceFlow.languages)
    data = await state.get_data()
    await message.answer(
        languages_text(data), reply_markup=languages_keyboard(set(texts), set(machine))
    )


async def discard(callback: CallbackQuery, state: FSMContext) -> None:
    """Throw the draft away."""
    await state.clear()
    done = _("The announcement was discarded. Nothing was sent.")
    await show(callback, done + "\n\n" + main_menu_text(), main_menu_keyboard())


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.message.register(announce, Command("announce"), EDITOR)
    router.message.register(german_text, StateFilter(AnnounceFlow.text), EDITOR)
    router.callback_query.register(
        choose_language,
        AnnounceCb.filter((F.action == "lang") & F.value.in_(OTHER_LANGUAGES)),
        StateFilter(AnnounceFlow.languages, AnnounceFlow.translation),
        EDITOR,
    )
    router.callback_query.register(
        back_to_languages,
        AnnounceCb.filter(F.action == "languages"),
        StateFilter(AnnounceFlow.languages, AnnounceFlow.translation),
        EDITOR,
    )
    router.message.register(translation, StateFilter(AnnounceFlow.translation), EDITOR)
    router.callback_query.register(
        discard, AnnounceCb.filter(F.action == "cancel"), StateFilter(AnnounceFlow), EDITOR
    )
    return router
