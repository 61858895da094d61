"""Whom a budget process's news reach: its chat voters (found through the keyed hash, as the
ballot names nobody) and the residents subscribed to its district."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.budget.voters import voter_key
from db.models import BallotSource, BudgetBallot, BudgetProcess, MeetingSubscription, User

CITY = "city"  # the subscription "the whole city" (meetings' district list)
# Outbox rows to a voter about their vote (results, chart, implementation news). Such a row says
# who voted (an update even for which project): deleted once sent or given up, like a poll's
# notices to voters (bot.delivery.outcomes).
RESULTS_PREFIX = "budget-results:"
CHART_PREFIX = "budget-chart:"
UPDATE_PREFIX = "budget-update:"
VOTER_NOTICES = (RESULTS_PREFIX, CHART_PREFIX, UPDATE_PREFIX)


@dataclass(frozen=True)
class Recipient:
    """One resident to write to, in their language."""

    user_id: int
    chat_id: int
    language: str


def _recipient(user: User, default_language: str) -> Recipient:
    language = user.language or user.telegram_language or default_language
    return Recipient(user.id, user.telegram_id, language)


async def chat_voters(
    session: AsyncSession, secret: bytes, process_id: int, default_language: str,
    project_id: int | None = None,
) -> list[Recipient]:  # fmt: skip
    """Reachable residents with a chat ballot in the process (naming `project_id`, if given).

    Each resident's key is recomputed and looked up: a ballot stores only the hash."""
    rows = await session.execute(
        select(BudgetBallot.voter, BudgetBallot.projects).where(
            BudgetBallot.process_id == process_id, BudgetBallot.source == BallotSource.CHAT
        )
    )
    keys = {
        voter for voter, chosen in rows if project_id is None or project_id in json.loads(chosen)
    }
    if not keys:
        return []
    users = await session.scalars(select(User).where(User.reachable.is_(True)).order_by(User.id))
    return [
        _recipient(user, default_language)
        for user in users
        if voter_key(secret, process_id, user.telegram_id) in keys
    ]


async def subscribers(
    session: AsyncSession, process: BudgetProcess, default_language: str
) -> list[Recipient]:
    """Reachable residents subscribed to the process's district (a city process: "city")."""
    users = await session.scalars(
        select(User)
        .join(MeetingSubscription, MeetingSubscription.user_id == User.id)
        .where(MeetingSubscription.district == (process.district or CITY), User.reachable.is_(True))
        .order_by(User.id)
    )
    return [_recipient(user, default_language) for user in users]
