"""Optional profile: consent, district, age group, topics — each step can be skipped.

Onboarding (mode o) and set-up from Settings (mode s):

    consent --yes--> district --pick/skip--> age --pick/skip--> topics --done--> end
       \\--no/skip--> end
       \\--under 16--> profile erased, nothing stored, told why --> end
    age --under 16--> profile erased (district, topics, consent), told why --> end

end: mode o → "saved" + main menu; mode s → profile view.
Editing one part from the profile view (mode e): district | age | topics → profile view.
States live in FSM storage, so a restart mid-flow continues at the same step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from aiogram import F, Router
from aiogram.filters import StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, InlineKeyboardMarkup, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _

from bot.config import Settings
from bot.filters import NotCommand
from bot.keyboards.callbacks import MenuCb, ProfileCb
from bot.keyboards.common import main_menu_keyboard
from bot.keyboards.profile import age_keyboard, consent_keyboard, district_keyboard, topics_keyboard
from bot.services.profile import AGE_GROUPS, DISTRICTS, NO_PROFILE_AGE_GROUPS, TOPICS
from bot.services.users import UserService
from handlers.account.informal_offer import maybe_offer
from handlers.account.profile_view import profile_text, profile_view_keyboard
from handlers.common import main_menu_text, show
from handlers.meetings.views import link_id, link_view

if TYPE_CHECKING:
    from db.models import User

MODES = {"o", "s", "e"}


class ProfileFlow(StatesGroup):
    """Steps of the optional profile."""

    consent = State()
    district = State()
    age = State()
    topics = State()


def consent_question() -> str:
    """Why the optional profile helps, that it is optional, and that it is for 16 and over."""
    return "\n\n".join(
        (
            _(
                "Would you like to tell us a little about yourself? "
                "With your district, age group and topics we send you only what matters to you. "
                "This is optional. You can change or delete it at any time under Settings."
            ),
            _(
                "The profile is for people aged 16 and over: for anyone younger the law requires "
                "a parent's consent (Art. 8 GDPR), so we store no profile for them. Everything "
                "else works just the same without one."
            ),
        )
    )


def child_note() -> str:
    """Said when someone under 16 answers: nothing of the profile is kept."""
    return _(
        "Thank you for telling us. As you are under 16, we store no profile for you, and "
        "anything you chose for it has been deleted. You can still use everything: ideas, "
        "polls, meetings and news."
    )


async def step_view(
    step: str, mode: str, users: UserService, user: User
) -> tuple[str, InlineKeyboardMarkup]:
    """Question and buttons of one step."""
    if step == "consent":
        return consent_question(), consent_keyboard(mode)
    if step == "district":
        return _("Which district do you live in?"), district_keyboard(mode)
    if step == "age":
        return _("How old are you?"), age_keyboard(mode)
    chosen = await users.topics(user)
    return _("Which topics interest you? Tap to choose, then tap Done."), topics_keyboard(
        chosen, mode
    )


async def _link(state: FSMContext) -> dict[str, str]:
    """A poster link followed before onboarding, kept until onboarding ends."""
    link = (await state.get_data()).get("deep_link")
    return {"deep_link": link} if link else {}


async def ask_consent(callback: CallbackQuery, state: FSMContext, mode: str) -> None:
    """Explain the optional profile and ask for consent."""
    await state.set_state(ProfileFlow.consent)
    await state.set_data({"mode": mode, **await _link(state)})
    await show(callback, consent_question(), consent_keyboard(mode))


async def ask(
    callback: CallbackQuery, state: FSMContext, users: UserService, user: User, step: str, mode: str
) -> None:
    """Show one profile question and remember it as the current step."""
    await state.set_state(getattr(ProfileFlow, step))
    await state.set_data({"mode": mode, **await _link(state)})
    await show(callback, *await step_view(step, mode, users, user))


async def finish(
    callback: CallbackQuery,
    state: FSMContext,
    users: UserService,
    user: User,
    mode: str,
    settings: Settings | None = None,
    note: str | None = None,
) -> None:
    """End of the flow: menu (or the card of a poster link) after onboarding, else the profile.

    `note` is said first (e.g. why no profile was kept)."""
    link = (await state.get_data()).get("deep_link")
    await state.clear()
    lead = note + "\n\n" if note else ""
    if mode == "o":
        await users.finish_onboarding(user)
        if link and settings is not None and link_id(link) is not None:
            text, markup = await link_view(users.session, users.clock, settings, user, link)
            if note and isinstance(callback.message, Message):  # the card may use all 4,096 units
                await show(callback, note, None)
                await callback.message.answer(text, reply_markup=markup)
            else:
                await show(callback, text, markup)
            return
        # Translators: after finishing the profile, or after skipping it.
        saved = _("Thank you!") if user.profile_consent_at else _("No problem.")
        await show(callback, (note or saved) + "\n\n" + main_menu_text(), main_menu_keyboard())
    else:
        text = lead + await profile_text(users, user)
        await show(callback, text, profile_view_keyboard(user))


# Commands (/cancel, /delete, /menu, …) pass on to their own handlers.
async def typed_mid_flow(
    message: Message, state: FSMContext, raw_state: str, users: UserService, user: User
) -> None:
    """Text or media instead of a button: ask the current question again, with its buttons."""
    step = raw_state.rsplit(":", 1)[-1]
    mode = (await state.get_data()).get("mode", "o")
    text, markup = await step_view(step, mode, users, user)
    hint = _("Please use the buttons in the message above, or send /cancel to stop.")
    await message.answer(hint + "\n\n" + text, reply_markup=markup)


async def open_profile(
    callback: CallbackQuery, state: FSMContext, users: UserService, user: User
) -> None:
    """Show the stored profile with ways to change it."""
    await state.set_state(None)
    await show(callback, await profile_text(users, user), profile_view_keyboard(user))


async def answer(
    callback: CallbackQuery,
    callback_data: ProfileCb,
    state: FSMContext,
    users: UserService,
    user: User,
    callback_answer: CallbackAnswer,
    settings: Settings,
) -> None:
    """Apply one answer, then move to the next step."""
    step, value, mode = callback_data.step, callback_data.value, callback_data.mode
    needs_consent = step in {"district", "age", "topic", "ask"}
    if needs_consent and user.profile_consent_at is None:
        await ask_consent(callback, state, mode="s")
    elif step in {"consent", "age"} and value in NO_PROFILE_AGE_GROUPS:
        await users.no_profile_for_child(user)
        await finish(callback, state, users, user, mode, settings, note=child_note())
        if step == "age":
            await maybe_offer(callback, value, setting_up=mode != "e")
    elif step == "consent" and value == "ask":  # "Set up my profile": the notice comes first
        await ask_consent(callback, state, mode)
    elif step == "consent" and value == "yes":
        await users.give_profile_consent(user)
        await ask(callback, state, users, user, "district", mode)
    elif step == "consent":
        await finish(callback, state, users, user, mode, settings)
    elif step == "ask" and value in {"district", "age", "topics"}:
        await ask(callback, state, users, user, value, "e")
    elif step == "district" and (value in DISTRICTS or value == "skip"):
        if value != "skip":
            await users.set_district(user, value)
        await next_after(callback, state, users, user, "age", mode)
    elif step == "age" and (value in AGE_GROUPS or value == "skip"):
        if value != "skip":
            await users.set_age_group(user, value)
        await next_after(callback, state, users, user, "topics", mode)
        await maybe_offer(callback, value, setting_up=mode != "e")
    elif step == "topic" and value in TOPICS:
        chosen = await users.toggle_topic(user, value)
        await show(
            callback,
            _("Which topics interest you? Tap to choose, then tap Done."),
            topics_keyboard(chosen, mode),
        )
    elif step == "done":
        await finish(callback, state, users, user, mode, settings)
    elif step == "clear":
        await users.clear_profile(user)
        callback_answer.text = _("Your profile has been deleted.")
        await show(callback, await profile_text(users, user), profile_view_keyboard(user))
    else:
        callback_answer.text = _("This button is no longer valid.")


async def next_after(
    callback: CallbackQuery, state: FSMContext, users: UserService, user: User, step: str, mode: str
) -> None:
    """Continue with the next question, or return to the profile view when editing one part."""
    if mode == "e":
        await finish(callback, state, users, user, mode)
    else:
        await ask(callback, state, users, user, step, mode)


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.message.register(typed_mid_flow, StateFilter(ProfileFlow), NotCommand())
    router.callback_query.register(open_profile, MenuCb.filter(F.to == "profile"))
    router.callback_query.register(answer, ProfileCb.filter(F.mode.in_(MODES)))
    return router
