"""Moderating ideas in the staff chat; the moderator role is re-checked on every press.

    card --Start review--> in review at once: card edited, author notified
    card --Publish / Implemented / Not pursued--> comment --reply text or "-"--> decided
    card --Decline--> reasons --a reason--> comment --reply text or "-"--> decided
    reasons --Back--> card
    card --Forward--> department --reply: department, comment on further lines--> decided
    comment / department --/cancel--> card unchanged

Every decision is checked against the allowed transitions and logged (who, what, when,
before/after); the author's notice goes through the outbox in the author's language.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from aiogram import Bot, F, Router
from aiogram.filters import Command, StateFilter
from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, ForceReply, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import gettext as _
from aiogram.utils.i18n import ngettext
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.filters import HasRole, IsReply, StaffChat
from bot.keyboards import ideas as keyboards
from bot.keyboards.callbacks import IdeaModCb
from bot.services.bidi import isolate
from bot.services.clock import Clock
from bot.services.ideas import lifecycle as ideas
from bot.services.ideas.moderation import (
    DECLINE_REASONS,
    MAX_COMMENT,
    OTHER_REASON,
    Decision,
    allowed,
)
from bot.services.text_length import utf16_len
from bot.services.translation.engine import Translator
from bot.services.vocabulary import StaffRole
from handlers.ideas.decide import apply

if TYPE_CHECKING:
    from db.models import Idea

MODERATOR = HasRole(StaffRole.MODERATOR)


class ModerationFlow(StatesGroup):
    """Waiting for a moderator's reply in the staff chat."""

    comment = State()  # the question's message id is kept: only a reply to it counts
    department = State()


async def not_moderator(callback: CallbackQuery, callback_answer: CallbackAnswer) -> None:
    """Someone without the moderator role pressed a button: nothing changes."""
    callback_answer.text = _("Only moderators can do this.")
    callback_answer.show_alert = True


async def start_review(
    callback: CallbackQuery,
    callback_data: IdeaModCb,
    bot: Bot,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    callback_answer: CallbackAnswer,
) -> None:
    """A moderator takes the idea on: in review, applied at once."""
    decision = Decision(callback_data.action, callback.from_user.id)
    problem = await apply(
        bot, session, settings, clock, callback_data.id, decision, callback.from_user
    )
    if problem:
        callback_answer.text = problem


async def ask(
    callback: CallbackQuery,
    state: FSMContext,
    target: State,
    idea: Idea,
    question: str,
    **data: str,
) -> None:
    """Remember what is asked and ask it as a reply the moderator answers."""
    assert isinstance(callback.message, Message)
    who = callback.from_user
    name = isolate(escape(who.first_name))  # an Arabic name before a German question
    mention = f'<a href="tg://user?id={who.id}">{name}</a>'
    prompt = await callback.message.reply(
        f"{mention}: {question}", reply_markup=ForceReply(selective=True)
    )
    await state.set_state(target)
    # a new question replaces the old one whole: an earlier re-ask must not carry over
    await state.set_data({"idea_id": idea.id, "prompt_id": prompt.message_id, **data})


def comment_question(reason: str) -> str:
    """Ask for the comment; for another reason it is required, as the author's explanation."""
    if reason == OTHER_REASON:
        return _(
            "Reply with the reason for the author ({reference}). "
            "They get your text as the explanation."
        )
    return _("Reply with a comment for the author, or with - for none ({reference}).")


ASKING = {"publish", "implement", "not_pursued", "decline", "forward", "reason", "back"}


async def two_step(
    callback: CallbackQuery,
    callback_data: IdeaModCb,
    state: FSMContext,
    session: AsyncSession,
    callback_answer: CallbackAnswer,
) -> None:
    """Decline asks a reason, then like the others a comment; Forward asks the department."""
    idea = await ideas.get(session, callback_data.id)
    if idea is None:
        callback_answer.text = _("This idea does not exist.")
        return
    action = "decline" if callback_data.action in ("reason", "back") else callback_data.action
    if not allowed(idea, action):
        callback_answer.text = _("This idea is no longer in a state where this is possible.")
        return
    assert isinstance(callback.message, Message)
    if callback_data.action == "decline":
        await callback.message.edit_reply_markup(reply_markup=keyboards.reasons_keyboard(idea.id))
    elif callback_data.action == "back":
        await callback.message.edit_reply_markup(reply_markup=keyboards.moderation_keyboard(idea))
    elif callback_data.action in ("reason", "publish", "implement", "not_pursued"):
        if callback_data.action == "reason":
            if callback_data.value not in DECLINE_REASONS:
                return
            await callback.message.edit_reply_markup(
                reply_markup=keyboards.moderation_keyboard(idea)
            )
        question = comment_question(callback_data.value if action == "decline" else "")
        question = question.format(reference=idea.reference)
        await ask(
            callback, state, ModerationFlow.comment, idea, question, action=action,
            reason=callback_data.value if action == "decline" else "",
        )  # fmt: skip
    elif callback_data.action == "forward":
        question = _(
            "Reply with the department the idea goes to ({reference}). "
            "A comment for the author may follow on the next lines."
        )
        await ask(
            callback,
            state,
            ModerationFlow.department,
            idea,
            question.format(reference=idea.reference),
        )


async def cancel(message: Message, state: FSMContext) -> None:
    """Leave the question; nothing changes."""
    await state.clear()
    await message.reply(_("Okay, nothing was changed."))


def answers_open_question(message: Message, data: dict[str, object]) -> bool:
    """The reply is to the open question, or to its re-ask asked about the same idea."""
    replied = message.reply_to_message
    if replied is None:
        return False
    if replied.message_id == data.get("prompt_id"):
        return True
    retry_for_this_idea = data.get("retry_idea_id") == data.get("idea_id")
    return replied.message_id == data.get("retry_id") and retry_for_this_idea


async def answer(
    message: Message,
    state: FSMContext,
    bot: Bot,
    session: AsyncSession,
    settings: Settings,
    clock: Clock,
    translator: Translator | None = None,
) -> None:
    """The reply to the question (comment or department): apply the decision."""
    data = await state.get_data()
    if not answers_open_question(message, data):
        return  # ordinary chatter or a reply to an old question is never taken as a comment
    text = (message.text or "").strip()
    if not text or utf16_len(text) > MAX_COMMENT:
        too_long = ngettext(
            "Please reply with a text of at most {limit} character.",
            "Please reply with a text of at most {limit} characters.",
            MAX_COMMENT,
        )
        await message.reply(too_long.format(limit=MAX_COMMENT))
        return
    if text == "-" and data.get("reason") == OTHER_REASON:  # the author would learn nothing
        again = _(
            "Please reply with the reason for {reference} in a few words: the author gets it."
        )
        idea = await ideas.get(session, int(data["idea_id"]))
        reference = idea.reference if idea else ""
        retry = await message.reply(
            again.format(reference=reference), reply_markup=ForceReply(selective=True)
        )  # a reply to this one counts too, but only for this idea
        await state.update_data(retry_id=retry.message_id, retry_idea_id=data["idea_id"])
        return
    current = await state.get_state()
    await state.clear()
    assert message.from_user is not None
    staff_id = message.from_user.id
    if current == ModerationFlow.department.state:
        department, _newline, rest = text.partition("\n")
        decision = Decision(
            "forward", staff_id, department=department.strip(), comment=rest.strip() or None
        )
    else:
        reason = data.get("reason") or None
        decision = Decision(
            str(data["action"]), staff_id, reason=reason, comment=None if text == "-" else text
        )
    problem = await apply(
        bot, session, settings, clock, int(data["idea_id"]), decision, message.from_user,
        translator=translator,
    )  # fmt: skip
    await message.reply(problem or _("Done. The author gets a message."))


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.callback_query.register(not_moderator, IdeaModCb.filter(), StaffChat(), ~MODERATOR)
    router.callback_query.register(
        start_review, IdeaModCb.filter(F.action == "review"), StaffChat(), MODERATOR
    )
    router.callback_query.register(
        two_step, IdeaModCb.filter(F.action.in_(ASKING)), StaffChat(), MODERATOR
    )
    router.message.register(
        cancel, Command("cancel"), StaffChat(), StateFilter(ModerationFlow.department)
    )
    router.message.register(
        cancel, Command("cancel"), StaffChat(), StateFilter(ModerationFlow.comment)
    )
    router.message.register(
        answer, StaffChat(), StateFilter(ModerationFlow.department), IsReply(), MODERATOR
    )
    router.message.register(
        answer, StaffChat(), StateFilter(ModerationFlow.comment), IsReply(), MODERATOR
    )
    return router
