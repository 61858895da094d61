"""The order of the routers (handlers/__init__.build_router) decides who answers a command
typed in the middle of a flow: a flow step takes any text, so only the routers before it see it."""

from __future__ import annotations

from tests.flow.harness import Harness

ADMIN = 700002  # an admin through the settings, so an editor too


async def test_staff_and_announcement_commands_inside_each_others_steps(harness: Harness) -> None:
    harness.settings.admin_ids = [ADMIN]
    admin = harness.chat(ADMIN, "en")
    await admin.send("/start")
    await admin.send("/announce")
    assert admin.last_text().startswith("Send the German text of the announcement")
    # /staff in the announcement's text step opens the staff list; the draft step is left.
    await admin.send("/staff")
    assert "Admins from the server settings: 700002" in admin.last_text()
    await admin.send("Stadtfest am Samstag")
    assert "The German text is saved" not in admin.last_text()

    await admin.send("/staff")
    await admin.press("Add a staff member")
    # While the id is asked for, /campaigns still shows the list …
    await admin.send("/campaigns")
    assert admin.last_text() == "No announcements yet. Create one with /announce."
    # … but /announce is answered by the id step, which is still waiting.
    await admin.send("/announce")
    assert admin.last_text() == "That is not a Telegram id. Please send a number, or /cancel."
    await admin.send("4242")
    assert admin.last_text().startswith("Which role should 4242 get?")
