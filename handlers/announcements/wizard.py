"""/announce: the staff's announcement wizard (editor role, re-checked at every step and press).

    /announce --> text --German text, or photo with caption--> languages
    languages --a language--> translation --its text (caption)--> languages
    languages --Continue--> audience                      (audience.py)
    audience --Continue--> preview --Send now--> campaign + progress message, end
    preview --Schedule--> schedule --future date--> preview --Confirm--> campaign  (send.py)
    any step --Cancel, /cancel, main menu--> end; nothing is stored

Invalid input keeps the step and says what is wrong. People without the role never get here:
their /announce gets "staff only" from the fallback; their presses count as stale buttons.
The draft lives in FSM storage, so a restart continues at the same step.
"""

from __future__ import annotations

from typing import Any

from aiogram import F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.i18n import gettext as _

from bot.config import LANGUAGES
from bot.i18n import language_here
from bot.keyboards.announce import languages_keyboard
from bot.keyboards.builder import InlineKeyboardBuilder
from bot.keyboards.callbacks import AnnounceCb
from bot.keyboards.common import back, main_menu_keyboard
from bot.services.campaign_input import check_text
from bot.services.campaigns import CampaignError
from handlers.announcements.draft import EDITOR, AnnounceFlow, new_draft, staff_html, text_problem
from handlers.common import main_menu_text, show

router = Router(name=__name__)
OTHER_LANGUAGES = tuple(code for code in LANGUAGES if code != "de")


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


def languages_text(data: dict[str, Any]) -> str:
    """The language step: which versions exist."""
    texts = data["texts"]
    added = [language_here(code) for code in OTHER_LANGUAGES if code in texts]
    lines = [
        _("<b>Language versions</b>"),
        _(
            "The German text is saved. You can add the announcement in other languages: "
            "people get the version in their language if there is one, "
            "everyone else the German one."
        ),
    ]
    if added:
        lines.append(_("Added: {languages}").format(languages=", ".join(added)))
    lines.append(_("Tap a language to add or replace its text, or tap Continue."))
    return "\n\n".join(lines)


def translation_question(code: str, photo: bool) -> tuple[str, InlineKeyboardMarkup]:
    """Ask for one language's text (its caption, for a photo), with a way back."""
    # "Version: Turkish" rather than "in Turkish": a bare name is grammatical in every language
    version = _("Version: {language}").format(language=language_here(code))
    if photo:
        ask = _("Send the caption of this version (formatting allowed).")
    else:
        ask = _("Send the text of this version (formatting allowed).")
    text = version + "\n" + ask
    builder = InlineKeyboardBuilder()
    builder.button(text=back(_("Back")), callback_data=AnnounceCb(action="languages"))
    return text, builder.as_markup()


def wrong_kind(photo_allowed: bool) -> str:
    """Stickers, voice, files and the like: say what is expected."""
    if photo_allowed:
        return _(
            "I can only use a text message or a photo with a caption for an announcement. "
            "Please send one of those, or /cancel to stop."
        )
    return _("Please send the text as a normal message, or /cancel to stop.")


@router.message(Command("announce"), EDITOR)
async def announce(message: Message, state: FSMContext) -> None:
    """Start a new draft (a previous unsent draft is discarded)."""
    await new_draft(state)
    await message.answer(text_question())


@router.message(StateFilter(AnnounceFlow.text), EDITOR)
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
    await state.update_data(texts={"de": text}, photo=photo)
    await state.set_state(AnnounceFlow.languages)
    data = await state.get_data()
    await message.answer(languages_text(data), reply_markup=languages_keyboard({"de"}))


@router.callback_query(
    AnnounceCb.filter((F.action == "lang") & F.value.in_(OTHER_LANGUAGES)),
    StateFilter(AnnounceFlow.languages, AnnounceFlow.translation),
    EDITOR,
)
async def choose_language(
    callback: CallbackQuery, callback_data: AnnounceCb, state: FSMContext
) -> None:
    """Ask for the text in the chosen language."""
    data = await state.get_data()
    await state.set_state(AnnounceFlow.translation)
    await state.update_data(lang=callback_data.value)
    await show(callback, *translation_question(callback_data.value, bool(data.get("photo"))))


@router.callback_query(
    AnnounceCb.filter(F.action == "languages"),
    StateFilter(AnnounceFlow.languages, AnnounceFlow.translation),
    EDITOR,
)
async def back_to_languages(callback: CallbackQuery, state: FSMContext) -> None:
    """Back to the language overview without adding anything."""
    await state.set_state(AnnounceFlow.languages)
    data = await state.get_data()
    await show(callback, languages_text(data), languages_keyboard(set(data["texts"])))


@router.message(StateFilter(AnnounceFlow.translation), EDITOR)
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
    await state.update_data(texts=texts, lang=None)
    await state.set_state(AnnounceFlow.languages)
    data = await state.get_data()
    await message.answer(languages_text(data), reply_markup=languages_keyboard(set(texts)))


@router.callback_query(AnnounceCb.filter(F.action == "cancel"), StateFilter(AnnounceFlow), EDITOR)
async def discard(callback: CallbackQuery, state: FSMContext) -> None:
    """Throw the draft away."""
    await state.clear()
    done = _("The announcement was discarded. Nothing was sent.")
    await show(callback, done + "\n\n" + main_menu_text(), main_menu_keyboard())
