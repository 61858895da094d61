"""Residents decide about announcements: Settings switch, /stop, blocking the bot, language."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, select

from bot.sandbox import updates
from db.models import User
from tests.flow.harness import TOKEN, Chat, Harness

STOPPED = (
    "You won't get announcements any more. Everything else keeps working. "
    "You can switch them on again under Settings."
)


async def stored(harness: Harness, telegram_id: int) -> User | None:
    async with harness.runtime.session_factory() as session:
        query = select(User).where(User.telegram_id == telegram_id)
        return (await session.execute(query)).scalar_one_or_none()


async def announcements_of(harness: Harness, telegram_id: int) -> bool:
    user = await stored(harness, telegram_id)
    assert user is not None
    return user.announcements


async def test_settings_switch_turns_announcements_off_and_on(harness: Harness) -> None:
    chat = harness.chat(801, "en")
    await chat.send("/settings")
    await chat.press("Announcements")
    assert "Status: on ✅" in chat.last_text()
    assert "You choose your district and topics in your profile." in chat.last_text()
    await chat.press("Switch off")
    assert "Status: off" in chat.last_text()
    assert not await announcements_of(harness, 801)
    await chat.press("Switch on")
    assert "Status: on ✅" in chat.last_text()
    assert await announcements_of(harness, 801)
    await chat.press("Profile")
    assert chat.last_text().startswith("Your profile")


async def test_pressing_an_old_switch_twice_changes_nothing_more(harness: Harness) -> None:
    chat = harness.chat(802, "en")
    await chat.send("/settings")
    await chat.press("Announcements")
    await chat.press_data("ns:0")
    await chat.press_data("ns:0")
    assert not await announcements_of(harness, 802)


async def test_stop_works_anywhere_and_start_does_not_undo_it(harness: Harness) -> None:
    chat = harness.chat(803, "en")
    await chat.send("/start")
    await chat.press("Continue")
    await chat.press("Yes, set up my profile")  # in the middle of the profile flow
    await chat.send("/stop")
    assert chat.last_text() == STOPPED
    assert not await announcements_of(harness, 803)
    await chat.press_data("pf:district:mitte:o")  # the flow goes on
    assert chat.last_text() == "How old are you?"
    await chat.send("/start")
    assert not await announcements_of(harness, 803)
    await chat.send("/privacy")
    await chat.press("Show my data")
    assert "Announcements: off" in chat.last_text()


async def block(chat: Chat, status: str) -> None:
    me = updates.bot_user(TOKEN)
    old = "member" if status == "kicked" else "kicked"
    await chat.send_update(
        updates.my_chat_member_update(chat.user, me, new_status=status, old_status=old)
    )


async def test_blocking_and_restarting_the_bot_toggles_reachable(harness: Harness) -> None:
    chat = harness.chat(804, "de")
    await chat.send("/start")
    sent = len(harness.api.calls("sendMessage"))
    await block(chat, "kicked")
    user = await stored(harness, 804)
    assert user is not None and not user.reachable
    assert len(harness.api.calls("sendMessage")) == sent  # nothing said to a blocked chat
    await block(chat, "member")
    user = await stored(harness, 804)
    assert user is not None and user.reachable and user.announcements


async def test_writing_to_the_bot_proves_it_is_reachable(harness: Harness) -> None:
    chat = harness.chat(805, "de")
    await chat.send("/start")
    await block(chat, "kicked")
    await chat.send("/menu")  # the "member" update got lost, but here they are
    user = await stored(harness, 805)
    assert user is not None and user.reachable


async def test_unknown_person_blocking_the_bot_is_not_stored(harness: Harness) -> None:
    await block(harness.chat(806, "de"), "kicked")
    assert await stored(harness, 806) is None


async def test_telegram_language_is_kept_up_to_date_without_extra_writes(
    harness: Harness,
) -> None:
    chat = harness.chat(807, "tr-TR")
    await chat.send("/start")
    user = await stored(harness, 807)
    assert user is not None and user.telegram_language == "tr"

    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(str(args[2]))

    engine = harness.runtime.engine.sync_engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        await chat.send("/menu")  # same language, last seen a moment ago
        assert not any(s.startswith("UPDATE users") for s in statements)
        for code, expected in (("uk", "uk"), ("xx", None), (None, None)):
            await harness.chat(807, code).send("/menu")
            user = await stored(harness, 807)
            assert user is not None and user.telegram_language == expected
    finally:
        event.remove(engine, "before_cursor_execute", record)
