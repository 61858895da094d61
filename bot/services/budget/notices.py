"""Telling a proposal's author what became of it: one outbox row per status, in their language.

The text comes from the caller's renderer (services hold no texts); the dedupe key names the
proposal and the status, so a repeated press never tells the author twice."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from bot.outbox import NOTICE, enqueue
from bot.services.ideas.translation import CommentTranslation
from bot.services.locale import resolve_language
from db.models import BudgetProposal, ProposalStatus, User


@dataclass(frozen=True)
class ProposalNotice:
    """What the author's message says: the new status and what goes with it."""

    status: ProposalStatus
    title: str  # the proposal's title, in the author's words
    reason: str | None = None  # not feasible: why, as staff wrote it
    # not feasible: the reason in the author's language (or why it isn't); None: not wanted
    reason_translation: CommentTranslation | None = None
    cost: int | None = None  # feasible: the official cost
    kept_title: str | None = None  # merged: the proposal it was merged into


# (language, notice) → the message text, rendered by the caller (bot.presentation.budget_proposals).
NoticeRenderer = Callable[[str, ProposalNotice], str]


@dataclass(frozen=True)
class Notifier:
    """How a use case tells authors: the renderer and the bot's default language."""

    render: NoticeRenderer
    default_language: str


async def tell_author(
    session: AsyncSession, proposal: BudgetProposal, notice: ProposalNotice, notifier: Notifier,
    now: datetime,
) -> None:  # fmt: skip
    """Queue the author's notice (part of the caller's transaction)."""
    author = await session.get(User, proposal.user_id)
    if author is None or not author.reachable:
        return
    language = resolve_language(author.language, author.telegram_language,
                                notifier.default_language)  # fmt: skip
    await enqueue(
        session, chat_id=author.telegram_id, method="sendMessage",
        params={"text": notifier.render(language, notice)},
        dedupe_key=f"budget:proposal:{proposal.id}:{notice.status.value}", now=now,
        user_id=author.id, priority=NOTICE, language=language,
    )  # fmt: skip
