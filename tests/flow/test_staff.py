"""/staff: admins add, change and remove roles; everyone else changes nothing; all is logged."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from bot.sandbox import updates
from db.models import StaffAudit
from db.models import StaffMember as StaffRow
from tests.flow.announce_support import make_staff, remove_staff
from tests.flow.harness import Harness
from tests.flow.ideas_support import STAFF_CHAT, StaffMember, alerts

ADMIN = 700001


@pytest.fixture
def admin_harness(harness: Harness) -> Harness:
    harness.settings.admin_ids = [ADMIN]
    harness.settings.staff_chat_id = STAFF_CHAT
    return harness


async def roles(h: Harness) -> dict[int, str]:
    async with h.runtime.session_factory() as session:
        rows = (await session.execute(select(StaffRow))).scalars()
        return {row.telegram_id: row.role for row in rows}


async def audit_log(h: Harness) -> list[tuple[int, str, str, object, object]]:
    async with h.runtime.session_factory() as session:
        rows = (await session.execute(select(StaffAudit).order_by(StaffAudit.id))).scalars()
        return [
            (r.actor, r.action, r.target, json.loads(r.before or "null"),
             json.loads(r.after or "null"))
            for r in rows
        ]  # fmt: skip


async def test_admin_adds_changes_and_removes_a_member(admin_harness: Harness) -> None:
    h = admin_harness
    admin = h.chat(ADMIN, "en")
    await admin.send("/staff")
    assert "Admins from the server settings: 700001" in admin.last_text()
    assert "No other staff members yet." in admin.last_text()
    await admin.press("Add a staff member")
    await admin.send("Anna")
    assert admin.last_text() == "That is not a Telegram id. Please send a number, or /cancel."
    await admin.send("4242")
    assert admin.last_text().startswith("Which role should 4242 get?")
    await admin.press("Editor")
    assert "• 4242: Editor, since" in admin.last_text()
    assert await roles(h) == {4242: "editor"}

    await admin.press("4242 · Editor")
    assert admin.last_text().startswith("4242 is Editor.")
    await admin.press("Moderator")
    assert await roles(h) == {4242: "moderator"}
    await admin.press("4242 · Moderator")
    await admin.press("Remove from staff")
    assert admin.last_text() == "Remove 4242 from staff?"
    await admin.press("Yes, remove")
    assert await roles(h) == {}
    assert alerts(h) == [
        "4242 is now Editor.",
        "4242 is now Moderator.",
        "4242 is no longer staff.",
    ]
    assert await audit_log(h) == [
        (ADMIN, "staff.add", "staff:4242", {"role": None}, {"role": "editor"}),
        (ADMIN, "staff.role", "staff:4242", {"role": "editor"}, {"role": "moderator"}),
        (ADMIN, "staff.remove", "staff:4242", {"role": "moderator"}, None),
    ]


async def test_the_staff_command_and_its_buttons_are_for_admins_only(
    admin_harness: Harness,
) -> None:
    h = admin_harness
    await make_staff(h, 960, "moderator")
    moderator = h.chat(960, "de")
    await moderator.send("/staff")
    assert moderator.last_text() == h.t("Only admins can manage staff.", "de")
    # Forged presses from a moderator's private chat: a clear answer, nothing changes.
    await moderator.press_data("sf:role:960:admin")
    await moderator.press_data("sf:sure:960:")
    await moderator.press_data("sf:role:961:editor")
    assert alerts(h) == [h.t("Only admins can manage staff.", "de")] * 3
    assert await roles(h) == {960: "moderator"} and await audit_log(h) == []


async def test_the_admin_role_is_rechecked_at_every_press(admin_harness: Harness) -> None:
    h = admin_harness
    await make_staff(h, 800, "admin")
    await make_staff(h, 801, "editor")
    admin = h.chat(800, "en")
    await admin.send("/staff")
    await admin.press("801 · Editor")
    await remove_staff(h, 800)  # another admin took the role away meanwhile
    await admin.press("Moderator")
    assert alerts(h) == ["Only admins can manage staff."]
    assert await roles(h) == {801: "editor"}


async def test_admins_cannot_change_themselves_or_the_configured_admins(
    admin_harness: Harness,
) -> None:
    h = admin_harness
    await make_staff(h, 800, "admin")
    admin = h.chat(800, "en")
    await admin.send("/staff")
    await admin.press_data("sf:role:800:moderator")
    await admin.press_data(f"sf:sure:{ADMIN}:")
    await admin.press_data("sf:role:0:editor")
    await admin.press_data("sf:role:5:boss")  # not a role: a stale button
    assert alerts(h) == [
        "You can't change your own role.",
        "This person is an admin through the server settings; change it there.",
        "That is not a Telegram id.",
        "This button is no longer valid.",
    ]
    assert await roles(h) == {800: "admin"} and await audit_log(h) == []


async def test_staff_buttons_only_work_in_private_or_the_staff_chat(
    admin_harness: Harness,
) -> None:
    h = admin_harness
    admin = h.chat(ADMIN, "en")
    await admin.send("/staff")
    in_staff_chat = StaffMember(h, ADMIN)
    await in_staff_chat.say("/staff")
    assert in_staff_chat.messages()[-1]["text"] == h.t(
        "Please use /{command} in your private chat with me.", "de"
    ).format(command="staff")
    # The admin's button data replayed in another group: nothing happens there.
    other_group = updates.group_chat(-100555, "Sportverein")
    message = {**admin.last(), "chat": other_group}
    await h.feed(updates.callback_update(admin.user, message, "sf:role:4243:editor"))
    assert await roles(h) == {}
    # A moderator's moderation button replayed in another group or in private changes nothing.
    await make_staff(h, 950, "moderator")
    await h.feed(updates.callback_update(updates.user(950), message, "im:publish:1:"))
    moderator = h.chat(950)
    await moderator.send("/start")
    await moderator.press_data("im:publish:1:")
    assert await audit_log(h) == []
