"""Who may use the staff dashboard: one-time login links, browser sessions, CSRF tokens.

A staff member asks the bot (`/dashboard`) or an admin the CLI for a link; the link's token is
random, kept only as its SHA-256, valid ten minutes and once. Using it opens a session whose
cookie is kept the same way; a session ends at logout, after eight idle hours, or as soon as
the person no longer has a staff role (checked on every request, not only at login).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum

from sqlalchemy import delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.services import audit
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from bot.services.staff import StaffService
from db.models import DashboardLogin, DashboardSession

LINK_VALID = timedelta(minutes=10)
IDLE_TIMEOUT = timedelta(hours=8)
# A session's last use is written at most this often: one write per page view is not needed.
TOUCH_EVERY = timedelta(minutes=1)


class LoginRefusal(StrEnum):
    """Why a login link does not open a session."""

    UNKNOWN = "unknown"  # never issued, or mistyped
    USED = "used"
    EXPIRED = "expired"
    NOT_STAFF = "not_staff"  # the role was removed since the link was sent


@dataclass(frozen=True)
class Visitor:
    """The signed-in staff member behind a request, with the role read for this request."""

    telegram_id: int
    role: str
    csrf: str


def login_url(settings: Settings, token: str) -> str:
    """The one-time link: DASHBOARD_URL behind the proxy, else where the dashboard listens."""
    base = settings.dashboard_url or f"http://{settings.dashboard_host}:{settings.dashboard_port}"
    return f"{base.rstrip('/')}/login/{token}"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def issue_link(
    session: AsyncSession, clock: Clock, staff: StaffService, telegram_id: int, *, actor: int
) -> str | None:
    """A new one-time login token for a staff member; None for anyone without a role."""
    if await staff.role_of(telegram_id) is None:
        return None
    token = secrets.token_urlsafe(32)
    now = clock.now()
    await session.execute(delete(DashboardLogin).where(DashboardLogin.expires_at < now))
    session.add(DashboardLogin(token_hash=digest(token), telegram_id=telegram_id,
                               expires_at=now + LINK_VALID))  # fmt: skip
    audit.record(session, actor=actor, action=AuditAction.DASHBOARD_LINK,
                 target=f"staff:{telegram_id}", at=now)  # fmt: skip
    await session.commit()
    return token


async def redeem(
    session: AsyncSession, clock: Clock, staff: StaffService, token: str
) -> tuple[str, Visitor] | LoginRefusal:
    """Use a login token once: a new session's cookie value and its visitor, or why not."""
    now = clock.now()
    # One conditional UPDATE claims the link: two browsers (or a link preview and a click)
    # racing with the same token cannot both see it unused. A SELECT … FOR UPDATE would not
    # do, as SQLite ignores it.
    claimed = await session.execute(
        update(DashboardLogin)
        .where(
            DashboardLogin.token_hash == digest(token),
            DashboardLogin.used_at.is_(None),
            DashboardLogin.expires_at > now,
        )
        .values(used_at=now)
        .returning(DashboardLogin.telegram_id)
        .execution_options(synchronize_session=False)
    )
    telegram_id = claimed.scalar_one_or_none()
    if telegram_id is None:
        await session.rollback()
        return await _refusal(session, token)
    role = await staff.role_of(telegram_id)
    if role is None:
        await session.commit()
        return LoginRefusal.NOT_STAFF
    cookie, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    session.add(DashboardSession(id_hash=digest(cookie), telegram_id=telegram_id,
                                 csrf=csrf, created_at=now, last_seen_at=now))  # fmt: skip
    audit.record(session, actor=telegram_id, action=AuditAction.DASHBOARD_LOGIN,
                 target=f"staff:{telegram_id}", at=now)  # fmt: skip
    await session.commit()
    return cookie, Visitor(telegram_id, role, csrf)


async def _refusal(session: AsyncSession, token: str) -> LoginRefusal:
    """Why a link could not be claimed, read after the claim failed."""
    login = await session.get(DashboardLogin, digest(token))
    if login is None:
        return LoginRefusal.UNKNOWN
    return LoginRefusal.USED if login.used_at is not None else LoginRefusal.EXPIRED


async def visitor(
    session: AsyncSession, clock: Clock, staff: StaffService, cookie: str
) -> Visitor | None:
    """The staff member signed in with this cookie, their role read now; None ends the session."""
    now = clock.now()
    row = await session.get(DashboardSession, digest(cookie))
    if row is None:
        return None
    role = await staff.role_of(row.telegram_id)
    if role is None or now - row.last_seen_at >= IDLE_TIMEOUT:
        await session.delete(row)
        await session.commit()
        return None
    if now - row.last_seen_at >= TOUCH_EVERY:
        row.last_seen_at = now
        await session.commit()
    return Visitor(row.telegram_id, role, row.csrf)


def csrf_matches(visitor: Visitor, sent: str | None) -> bool:
    """Whether a form carried this session's CSRF token (compared in constant time)."""
    return sent is not None and hmac.compare_digest(visitor.csrf.encode(), sent.encode())


async def logout(session: AsyncSession, cookie: str) -> None:
    """End one browser's session."""
    await session.execute(
        delete(DashboardSession).where(DashboardSession.id_hash == digest(cookie))
    )
    await session.commit()


async def prune(session: AsyncSession, clock: Clock) -> int:
    """Delete expired links and idle sessions (the retention tick); returns how many."""
    now = clock.now()
    links = await session.execute(
        delete(DashboardLogin).where(
            or_(DashboardLogin.expires_at < now, DashboardLogin.used_at.is_not(None))
        )
    )
    idle = await session.execute(
        delete(DashboardSession).where(DashboardSession.last_seen_at < now - IDLE_TIMEOUT)
    )
    await session.commit()
    return int(links.rowcount or 0) + int(idle.rowcount or 0)  # type: ignore[attr-defined]


async def sessions_of(session: AsyncSession, telegram_id: int) -> int:
    """How many browsers a staff member is signed in with (shown on the staff page)."""
    rows = await session.execute(
        select(DashboardSession.id_hash).where(DashboardSession.telegram_id == telegram_id)
    )
    return len(rows.all())
