"""An operator erases a resident (GDPR Art. 17 on request): the erasure and its audit entry."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.personal_data import rights as personal_data
from bot.services.personal_data.rights import Erasure
from db.models import User


async def erase_on_request(
    session: AsyncSession, user: User, how: Erasure, *, keep_public_ideas: bool, actor: int
) -> int:
    """Erase like /delete does and log who did it; the entry commits with the erasure."""
    # The database id, not the Telegram id: the log must not keep who the person was.
    audit.record(
        session, actor=actor, action=AuditAction.USER_DELETE, target=f"user:{user.id}",
        at=how.clock.now(), after={"keep_public_ideas": keep_public_ideas},
    )  # fmt: skip
    return await personal_data.erase(session, user, how, keep_public_ideas=keep_public_ideas)
