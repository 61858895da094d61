"""Staff roles: admin (everything), editor (announcements, content), moderator (ideas)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from db.models import StaffMember, StaffRole

ROLES = tuple(StaffRole)
MAX_TELEGRAM_ID = 2**52  # Telegram's user ids fit in 52 bits


# Why a staff change was refused (StaffError.code).
StaffErrorCode = Literal["fixed", "id", "role", "self"]


class StaffError(ValueError):
    """A staff change that is not allowed; `code` lets each channel say why in its words."""

    def __init__(self, code: StaffErrorCode, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class RosterEntry:
    """One staff member as listed: role, and since when (None: ADMIN_IDS in the settings)."""

    telegram_id: int
    role: StaffRole
    since: datetime | None


class StaffService:
    """Who may do what; ADMIN_IDS from the settings are always admins."""

    def __init__(self, session: AsyncSession, admin_ids: list[int], clock: Clock) -> None:
        self.session = session
        self.admin_ids = frozenset(admin_ids)
        self.clock = clock

    async def role_of(self, telegram_id: int) -> StaffRole | None:
        """The person's role, or None for residents."""
        if telegram_id in self.admin_ids:
            return StaffRole.ADMIN
        result = await self.session.execute(
            select(StaffMember.role).where(StaffMember.telegram_id == telegram_id)
        )
        return result.scalar_one_or_none()

    async def has_role(self, telegram_id: int, role: StaffRole) -> bool:
        """Checked at the moment of every staff action; admins may do everything."""
        actual = await self.role_of(telegram_id)
        return actual is not None and actual in {role, StaffRole.ADMIN}

    async def members(self) -> Sequence[StaffMember]:
        """Staff stored in the database (ADMIN_IDS are not listed there), by role and id."""
        result = await self.session.execute(
            select(StaffMember).order_by(StaffMember.role, StaffMember.telegram_id)
        )
        return result.scalars().all()

    async def roster(self) -> list[RosterEntry]:
        """Everyone with a role: ADMIN_IDS first (always admins), then the stored members."""
        rows = [
            RosterEntry(telegram_id, StaffRole.ADMIN, None)
            for telegram_id in sorted(self.admin_ids)
        ]
        rows += [
            RosterEntry(member.telegram_id, member.role, member.added_at)
            for member in await self.members()
            if member.telegram_id not in self.admin_ids
        ]
        return rows

    async def set_role(self, telegram_id: int, role: str, *, actor: int) -> StaffRole | None:
        """Add a staff member or change their role; returns the previous role."""
        if role not in ROLES:
            raise StaffError("role", f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
        self._check_target(telegram_id, actor)
        role, now = StaffRole(role), self.clock.now()
        member = await self.session.get(StaffMember, telegram_id, with_for_update=True)
        before = member.role if member is not None else None
        if member is None:
            self.session.add(StaffMember(telegram_id=telegram_id, role=role, added_at=now))
        else:
            member.role = role
        if before != role:
            action = AuditAction.STAFF_ADD if before is None else AuditAction.STAFF_ROLE
            audit.record(
                self.session, actor=actor, action=action,
                target=f"staff:{telegram_id}", at=now, before={"role": before},
                after={"role": role},
            )  # fmt: skip
        await self.session.commit()
        return before

    async def remove(self, telegram_id: int, *, actor: int) -> StaffRole | None:
        """Remove a staff member; returns the role they had (None: there was none)."""
        self._check_target(telegram_id, actor)
        member = await self.session.get(StaffMember, telegram_id, with_for_update=True)
        if member is None:
            return None
        before = member.role
        await self.session.delete(member)
        audit.record(
            self.session, actor=actor, action=AuditAction.STAFF_REMOVE,
            target=f"staff:{telegram_id}", at=self.clock.now(), before={"role": before}, after=None,
        )  # fmt: skip
        await self.session.commit()
        return before

    def _check_target(self, telegram_id: int, actor: int) -> None:
        # An admin can't lock themselves out; ADMIN_IDS change only in the settings.
        if not 0 < telegram_id < MAX_TELEGRAM_ID:
            raise StaffError("id", "a Telegram user id is a positive number")
        if telegram_id == actor:
            raise StaffError("self", "nobody changes their own role")
        if telegram_id in self.admin_ids:
            raise StaffError("fixed", "this person is an admin through ADMIN_IDS")
