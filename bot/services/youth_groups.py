"""Youth groups: a group admin asks to register, staff approve or decline, removal unregisters."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import LANGUAGES
from bot.outbox import NOTICE, enqueue
from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from db.models import YouthGroup
from db.models import YouthGroupStatus as YouthGroupStatus  # re-exported for the handlers
from db.repositories import polls as repo

TITLE_MAX = 128


async def request(
    session: AsyncSession, clock: Clock, chat_id: int, title: str, language: str
) -> tuple[YouthGroup, bool]:
    """Ask to register; (group, True) when staff must now decide, False if nothing changed."""
    group = await repo.group(session, chat_id)
    now = clock.now()
    if group is not None and group.status in (YouthGroupStatus.PENDING, YouthGroupStatus.APPROVED):
        return group, False
    if group is None:
        group = YouthGroup(chat_id=chat_id, title=title[:TITLE_MAX], language=language)
        session.add(group)
    group.title, group.language = title[:TITLE_MAX], language
    group.status = YouthGroupStatus.PENDING
    group.requested_at, group.decided_at, group.decided_by = now, None, None
    await session.commit()
    return group, True


async def decide(
    session: AsyncSession, clock: Clock, chat_id: int, approve: bool, staff_id: int, notice: str
) -> YouthGroup | None:
    """Approve or decline a pending request and tell the group; None if nothing is pending."""
    group = await repo.group(session, chat_id)
    if group is None or group.status != YouthGroupStatus.PENDING:
        return None
    group.status = YouthGroupStatus.APPROVED if approve else YouthGroupStatus.DECLINED
    group.decided_at, group.decided_by = clock.now(), staff_id
    audit.record(
        session, actor=staff_id, target=f"youth_group:{chat_id}", at=clock.now(),
        action=AuditAction.YOUTH_GROUP_APPROVE if approve else AuditAction.YOUTH_GROUP_DECLINE,
        before={"status": YouthGroupStatus.PENDING}, after={"status": group.status},
    )  # fmt: skip
    await enqueue(
        session, chat_id=chat_id, method="sendMessage", params={"text": notice},
        dedupe_key=f"youthgroup:{chat_id}:{int(group.requested_at.timestamp())}",
        now=clock.now(), priority=NOTICE,
    )  # fmt: skip
    await session.commit()
    return group


async def unregister(session: AsyncSession, clock: Clock, chat_id: int, *, actor: int) -> bool:
    """The bot left or was removed (by `actor`): no more polls. True if it was registered."""
    group = await repo.group(session, chat_id)
    if group is None or group.status == YouthGroupStatus.REMOVED:
        return False
    audit.record(
        session, actor=actor, action=AuditAction.YOUTH_GROUP_REMOVE,
        target=f"youth_group:{chat_id}", at=clock.now(), before={"status": group.status},
        after={"status": YouthGroupStatus.REMOVED},
    )  # fmt: skip
    group.status = YouthGroupStatus.REMOVED
    await session.commit()
    return True


async def language_of(session: AsyncSession, chat_id: int) -> str | None:
    """The language a group gets its messages in."""
    group = await repo.group(session, chat_id)
    return group.language if group is not None else None


async def approved_count(session: AsyncSession) -> int:
    """How many groups a poll for youth groups reaches right now."""
    return len(await repo.approved_groups(session))


async def get(session: AsyncSession, chat_id: int) -> YouthGroup | None:
    """The group's registration, if it ever asked for one."""
    return await repo.group(session, chat_id)


async def set_language(session: AsyncSession, chat_id: int, language: str) -> YouthGroup | None:
    """A group admin chose the group's language; None when the group never registered."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    group = await repo.group(session, chat_id)
    if group is None:
        return None
    group.language = language
    await session.commit()
    return group
