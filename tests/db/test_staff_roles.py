"""Staff roles in the database: who passes which role check, and every change audited."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from bot.services.staff import MAX_TELEGRAM_ID, StaffError, StaffService
from db.models import StaffAudit
from tests.db.support import FixedClock

ADMIN, OPERATOR = 1_001, 0
NOW = datetime(2026, 12, 7, 10, tzinfo=UTC)


@pytest.fixture
def staff(session: AsyncSession) -> StaffService:
    return StaffService(session, [ADMIN], FixedClock(NOW))


async def entries(session: AsyncSession) -> list[tuple[str, str, object, object, datetime]]:
    rows = await session.scalars(select(StaffAudit).order_by(StaffAudit.id))
    return [
        (r.action, r.target, json.loads(r.before or "null"), json.loads(r.after or "null"),
         r.created_at.replace(tzinfo=UTC))
        for r in rows
    ]  # fmt: skip


async def test_each_role_passes_only_its_own_checks_and_admins_pass_all(
    staff: StaffService,
) -> None:
    await staff.set_role(2_001, "moderator", actor=ADMIN)
    await staff.set_role(2_002, "editor", actor=ADMIN)
    await staff.set_role(2_000, "moderator", actor=ADMIN)
    allowed = {
        who: {role for role in ("admin", "editor", "moderator") if await staff.has_role(who, role)}
        for who in (ADMIN, 2_001, 2_002, 2_003)
    }
    assert allowed == {
        ADMIN: {"admin", "editor", "moderator"},  # ADMIN_IDS: everything
        2_001: {"moderator"},
        2_002: {"editor"},
        2_003: set(),  # a resident
    }
    # Listed by role, then by id.
    assert [(m.telegram_id, m.role) for m in await staff.members()] == [
        (2_002, "editor"), (2_000, "moderator"), (2_001, "moderator"),
    ]  # fmt: skip


async def test_every_change_is_audited_with_before_after_and_time(
    session: AsyncSession, staff: StaffService
) -> None:
    assert await staff.set_role(2_001, "moderator", actor=ADMIN) is None
    assert await staff.set_role(2_001, "moderator", actor=ADMIN) == "moderator"  # no change
    assert await staff.set_role(2_001, "editor", actor=OPERATOR) == "moderator"
    assert await staff.remove(2_001, actor=ADMIN) == "editor"
    assert await staff.remove(2_001, actor=ADMIN) is None  # nothing left to remove
    assert await entries(session) == [
        ("staff.add", "staff:2001", {"role": None}, {"role": "moderator"}, NOW),
        ("staff.role", "staff:2001", {"role": "moderator"}, {"role": "editor"}, NOW),
        ("staff.remove", "staff:2001", {"role": "editor"}, None, NOW),
    ]


@pytest.mark.parametrize(
    ("target", "role", "code"),
    [
        (0, "editor", "id"),
        (-5, "editor", "id"),
        (MAX_TELEGRAM_ID, "editor", "id"),
        (ADMIN + 1, "boss", "role"),
        (ADMIN, "moderator", "fixed"),  # an admin through ADMIN_IDS stays one
        (3_000, "editor", "self"),
    ],
)
async def test_a_refused_change_says_why_and_changes_nothing(
    session: AsyncSession, staff: StaffService, target: int, role: str, code: str
) -> None:
    actor = target if code == "self" else OPERATOR
    with pytest.raises(StaffError) as refused:
        await staff.set_role(target, role, actor=actor)
    assert refused.value.code == code and str(refused.value)
    if code != "role":
        with pytest.raises(StaffError) as refused_removal:
            await staff.remove(target, actor=actor)
        assert refused_removal.value.code == code
    assert list(await staff.members()) == [] and await entries(session) == []


async def test_the_highest_and_lowest_valid_ids_are_accepted(staff: StaffService) -> None:
    await staff.set_role(1, "editor", actor=ADMIN)
    await staff.set_role(MAX_TELEGRAM_ID - 1, "moderator", actor=ADMIN)
    assert await staff.role_of(1) == "editor"
    assert await staff.role_of(MAX_TELEGRAM_ID - 1) == "moderator"
