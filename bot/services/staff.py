"""Staff roles: admin (everything), editor (announcements, content), moderator (ideas)."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.clock import Clock
from db.models import StaffMember

ROLES = ("admin", "editor", "moderator")


class StaffService:
    """Who may do what; ADMIN_IDS from the settings are always admins."""

    def __init__(self, session: AsyncSession, admin_ids: list[int], clock: Clock) -> None:
        self.session = session
        self.admin_ids = frozenset(admin_ids)
        self.clock = clock

    async def role_of(self, telegram_id: int) -> str | None:
        """The person's role, or None for residents."""
        if telegram_id in self.admin_ids:
            return "admin"
        result = await self.session.execute(
            select(StaffMember.role).where(StaffMember.telegram_id == telegram_id)
        )
        return result.scalar_one_or_none()

    async def has_role(self, telegram_id: int, role: str) -> bool:
        """Checked at the moment of every staff action; admins may do everything."""
        actual = await self.role_of(telegram_id)
        return actual is not None and actual in {role, "admin"}

    async def set_role(self, telegram_id: int, role: str) -> None:
        """Add a staff member or change their role."""
        if role not in ROLES:
            raise ValueError(f"unknown role {role!r}; expected one of {', '.join(ROLES)}")
        member = await self.session.get(StaffMember, telegram_id)
        if member is None:
            self.session.add(
                StaffMember(telegram_id=telegram_id, role=role, added_at=self.clock.now())
            )
        else:
            member.role = role
        await self.session.commit()

    async def remove(self, telegram_id: int) -> bool:
        """Remove a staff member; True if there was one."""
        result = await self.session.execute(
            delete(StaffMember).where(StaffMember.telegram_id == telegram_id)
        )
        await self.session.commit()
        return bool(getattr(result, "rowcount", 0))
