"""Reviewing proposals from /budget (private chat or staff chat; editor role re-checked):

    queue --Feasible--> official --"cost / German title / description"--> project, author told
    queue --Not feasible--> reason --the reason--> author told
    queue --Merge--> merge --the kept proposal's number--> supports moved, author told
    queue --Next--> the following proposal; any question --/cancel--> nothing changed

In the staff chat only a reply to the question counts (other chatter is never taken as an
answer); in a private chat any text in the question's state does."""

from __future__ import annotations

import re

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from aiogram.types import CallbackQuery, ForceReply, Message
from aiogram.utils.callback_answer import CallbackAnswer
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.keyboards.callbacks import BudgetStaffCb
from bot.presentation import budget_staff as screens
from bot.services.budget import proposals, review
from bot.services.budget.proposals import ProposalError
from bot.services.budget.reason_translation import not_feasible_for_author
from bot.services.clock import Clock
from bot.services.locale import content_language
from bot.services.translation.engine import Translator
from handlers.budget.proposals import notifier
from handlers.budget.staff import home
from handlers.common import show


class ReviewFlow(StatesGroup):
    """Waiting for an editor's answer to a review question."""

    official = State()
    reason = State()
    merge = State()


QUESTIONS = {"ok": ReviewFlow.official, "nf": ReviewFlow.reason, "mg": ReviewFlow.merge}


async def queue(
    callback: CallbackQuery, callback_data: BudgetStaffCb, session: AsyncSession
) -> None:
    """The first proposal waiting for review (after `proposal` when Next was pressed)."""
    waiting = await review.queue(session, callback_data.process)
    after = callback_data.proposal if callback_data.action == "next" else 0
    following = [p for p in waiting if p.id > after] or waiting
    if not following:
        await home(callback, session)
        return
    proposal = following[0]
    count = (await proposals.supports(session, [proposal.id]))[proposal.id]
    await show(callback, screens.review_text(proposal, count, len(waiting)),
               screens.review_keyboard(proposal))  # fmt: skip


async def ask(
    callback: CallbackQuery, callback_answer: CallbackAnswer, callback_data: BudgetStaffCb,
    session: AsyncSession, state: FSMContext,
) -> None:  # fmt: skip
    """Feasible / Not feasible / Merge: ask for what the decision needs."""
    waiting = {p.id for p in await review.queue(session, callback_data.process)}
    if callback_data.proposal not in waiting or not isinstance(callback.message, Message):
        callback_answer.text = _("This button is no longer valid.")
        return
    question = {
        "ok": screens.official_question, "nf": screens.reason_question,
        "mg": screens.merge_question,
    }[callback_data.action](callback_data.proposal)  # fmt: skip
    private = callback.message.chat.type == "private"
    prompt = await callback.message.answer(
        question, reply_markup=None if private else ForceReply(selective=True)
    )
    await state.set_state(QUESTIONS[callback_data.action])
    await state.set_data({"proposal": callback_data.proposal, "prompt_id": prompt.message_id})


async def cancel(message: Message, state: FSMContext) -> None:
    """Leave the question; nothing changes."""
    await state.clear()
    await message.reply(_("Okay, nothing was changed."))


def _official(text: str) -> tuple[int, str, str]:
    """'25.000\\nTitle\\nDescription…' → (25000, title, description)."""
    cost, _newline, rest = text.strip().partition("\n")
    title, _newline, description = rest.strip().partition("\n")
    digits = re.sub(r"[\s.,'’€]", "", cost)
    if not re.fullmatch(r"[0-9]{1,12}", digits):
        raise ProposalError("cost")
    return int(digits), title.strip(), description.strip()


def problem_text(code: str) -> str:
    """What was wrong with the answer."""
    return {
        "cost": _("Please put the cost in whole euros on the first line, for example 25000."),
        "title": _("Please put the German title (at most 200 characters) on the second line."),
        "description": _("The description is too long (at most 3,000 characters)."),
        "reason": _("Please reply with the reason in a few sentences."),
        "merge_target": _("Please reply with the number of another open proposal of this budget."),
        "not_allowed": _("This proposal has already been decided."),
        "not_found": _("This proposal has already been decided."),
    }[code]


async def answer(
    message: Message, state: FSMContext, session: AsyncSession, clock: Clock,
    settings: Settings, i18n: I18n, translator: Translator | None = None,
) -> None:  # fmt: skip
    """The answer to the open question: apply the decision."""
    data = await state.get_data()
    private = message.chat.type == "private"
    replied = message.reply_to_message
    if not private and (replied is None or replied.message_id != data.get("prompt_id")):
        return  # chatter in the staff chat is never taken as a decision
    assert message.from_user is not None
    how, actor, text = notifier(i18n, settings), message.from_user.id, message.text or ""
    proposal_id, current = int(data["proposal"]), await state.get_state()
    try:
        if current == ReviewFlow.official.state:
            cost, title, description = _official(text)
            texts = {"de": description} if description else {}
            await review.feasible(session, clock, proposal_id, cost, {"de": title}, texts,
                                  actor=actor, notifier=how)  # fmt: skip
        elif current == ReviewFlow.reason.state:  # the reason reaches the author translated
            await not_feasible_for_author(
                session, clock, translator, proposal_id, text, actor=actor, notifier=how,
                staff_language=content_language(settings.default_language),
            )  # fmt: skip
        else:
            number = text.strip().lstrip("#")
            kept = int(number) if re.fullmatch(r"[0-9]{1,9}", number) else 0
            await review.merge(session, clock, proposal_id, kept, actor=actor, notifier=how)
    except ProposalError as error:
        await session.rollback()
        if error.code in ("not_allowed", "not_found"):
            await state.clear()
        await message.reply(problem_text(error.code))
        return
    await state.clear()
    await message.reply(_("Done. The author gets a message."))
