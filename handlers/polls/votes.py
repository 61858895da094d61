"""Votes arriving from Telegram: poll_answer in private chats, poll updates from youth groups."""

from __future__ import annotations

import logging

from aiogram import Router
from aiogram.types import Poll, PollAnswer
from aiogram.utils.i18n import I18n
from aiogram.utils.i18n import gettext as _
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.services.clock import Clock
from bot.services.polls import votes as poll_votes
from bot.services.polls.votes import Outcome
from bot.services.users import UserService

log = logging.getLogger(__name__)


async def answered(
    answer: PollAnswer, session: AsyncSession, clock: Clock, settings: Settings,
    users: UserService, i18n: I18n,
) -> None:  # fmt: skip
    """Count, change or retract a vote; a late voter is told kindly (each late vote: messages
    to voters are deleted once sent, so nothing remembers having told them)."""
    if answer.user is None:
        return  # a vote on behalf of a channel: our polls in private chats never get those
    voter = answer.user.id
    user = await users.find(voter)
    result = await poll_votes.answer(
        session, clock, settings.poll_key, answer.poll_id, voter, list(answer.option_ids),
        user, settings.default_language,
    )  # fmt: skip
    if result.outcome == Outcome.UNKNOWN or result.poll is None:
        log.info("poll answer for an unknown poll, option or voter ignored")
        return
    results_of: int | None = None
    with i18n.context(), i18n.use_locale(result.language):
        if result.outcome == Outcome.CLOSED:
            text = _("Thank you for voting! This poll has already closed, so it was not counted.")
            key = f"{poll_votes.LATE_PREFIX}{answer.poll_id}"
        elif result.outcome == Outcome.COUNTED and result.poll.show_results:
            # The results follow when the message is sent (see poll_votes.tell_voter).
            text, results_of = _("Thank you, your vote counts!"), result.poll.id
            key = f"{poll_votes.THANKS_PREFIX}{answer.poll_id}"
        else:
            return
    await poll_votes.tell_voter(
        session, clock, voter, text, key, language=result.language, results_of=results_of
    )


async def group_poll_changed(poll: Poll, session: AsyncSession, clock: Clock) -> None:
    """A youth group's anonymous totals changed (private polls are counted from answers)."""
    counts = [option.voter_count for option in poll.options]
    await poll_votes.group_tally(session, clock, poll.id, counts, poll.total_voter_count)


def build_router() -> Router:
    """A new router with this module's handlers, in the order aiogram tries them."""
    router = Router(name=__name__)
    router.poll_answer.register(answered)
    router.poll.register(group_poll_changed)
    return router
