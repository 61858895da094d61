"""A "not feasible" reason that reaches the proposal's author in the author's language, as staff
comments reach idea authors (bot.services.ideas.decisions): one path for the chat and the CLI.

The decision is checked before anything is translated, so a refused one (no reason, a proposal
already decided) sends nothing to the provider; the provider is asked with no transaction open
(`translate` commits first) and never blocks the decision: a failure sends the original."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.budget import review
from bot.services.budget.notices import Notifier
from bot.services.clock import Clock
from bot.services.ideas.translation import CommentTranslation
from bot.services.locale import content_language, resolve_language
from bot.services.translation.cache import translate, wanted
from bot.services.translation.engine import Translator
from db.models import BudgetProposal, User


async def reason_for_author(
    session: AsyncSession, translator: Translator | None, proposal: BudgetProposal, reason: str,
    staff_language: str, default_language: str,
) -> CommentTranslation:  # fmt: skip
    """The reason in the content language the author reads (kept in the cache, not committed);
    nothing without a provider, an author, or when the author reads the staff's language."""
    author = await session.get(User, proposal.user_id) if proposal.user_id is not None else None
    if translator is None or author is None:
        return CommentTranslation()
    chosen = resolve_language(author.language, author.telegram_language, default_language)
    target = content_language(chosen)
    if not wanted(translator, staff_language, target):
        return CommentTranslation()
    # Not linked to an idea: the reason is the city's text, not the author's.
    found = await translate(session, translator, reason, staff_language, target, idea_id=None)
    return CommentTranslation(found) if found is not None else CommentTranslation(unavailable=True)


async def not_feasible_for_author(
    session: AsyncSession, clock: Clock, translator: Translator | None, proposal_id: int,
    reason: str, *, staff_language: str, actor: int, notifier: Notifier,
) -> BudgetProposal:  # fmt: skip
    """Check the decision, translate the reason for the author, then refuse the proposal —
    `review.not_feasible` checks again after the provider was asked. Raises ProposalError."""
    reason = review.check_reason(reason)
    proposal = await review.reviewable(session, proposal_id)
    translation = await reason_for_author(
        session, translator, proposal, reason, staff_language, notifier.default_language
    )
    return await review.not_feasible(
        session, clock, proposal_id, reason, actor=actor, notifier=notifier,
        translation=translation,
    )  # fmt: skip
