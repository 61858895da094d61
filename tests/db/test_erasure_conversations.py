"""Erasing a person deletes their own conversations only: a staff member's conversation in a
forum topic whose thread id happens to equal the person's Telegram id stays."""

from __future__ import annotations

from datetime import UTC, datetime

from aiogram.fsm.storage.base import DefaultKeyBuilder, StorageKey
from sqlalchemy import select

from bot.services.ideas.card_translation import StaffCard
from bot.services.ideas.erasure import StaffChatTexts
from bot.services.personal_data import rights as personal_data
from bot.storage import _chat_and_user
from db.models import FsmRecord, User
from db.session import create_engine, create_session_factory
from tests.db.support import FixedClock

PERSON, STAFF_MEMBER, STAFF_CHAT, BOT = 4711, 815, -1001234567890, 42
STAFF = StaffChatTexts(
    lambda reference: f"{reference} removed",
    StaffCard(lambda idea, shown: {"text": "card"}, "none", "de"),
)


def key(chat: int, user: int, thread: int | str = "") -> str:
    return f"{BOT}:{chat}:{user}:{thread}::default"


async def test_erasure_keeps_a_conversation_whose_thread_id_is_the_persons_id(
    database_url: str,
) -> None:
    clock = FixedClock(datetime(2026, 12, 7, 12, tzinfo=UTC))
    engine = create_engine(database_url)
    factory = create_session_factory(engine)
    own, staff_topic = key(PERSON, PERSON), key(STAFF_CHAT, STAFF_MEMBER, PERSON)
    try:
        async with factory() as session:
            session.add(User(telegram_id=PERSON))
            session.add_all([FsmRecord(key=own, state="idea:text"),
                             FsmRecord(key=staff_topic, state="announce:text")])  # fmt: skip
            await session.commit()
        async with factory() as session:
            user = (await session.scalars(select(User))).one()
            how = personal_data.Erasure(
                b"k", clock, lambda *a: {"text": "x"}, "de", STAFF, "[removed]"
            )
            await personal_data.erase(session, user, how, keep_public_ideas=False)
        async with factory() as session:
            left = set(await session.scalars(select(FsmRecord.key)))
        assert left == {staff_topic}
    finally:
        await engine.dispose()


def test_redis_keys_name_the_chat_and_the_user_not_the_thread() -> None:
    builder = DefaultKeyBuilder()
    in_topic = StorageKey(bot_id=BOT, chat_id=STAFF_CHAT, user_id=STAFF_MEMBER, thread_id=PERSON)
    private = StorageKey(bot_id=BOT, chat_id=PERSON, user_id=PERSON)
    for part in ("state", "data"):
        assert _chat_and_user(builder.build(in_topic, part).split(":"), builder) == (
            str(STAFF_CHAT), str(STAFF_MEMBER))  # fmt: skip
        assert _chat_and_user(builder.build(private, part).split(":"), builder) == (
            str(PERSON), str(PERSON))  # fmt: skip
    with_bot = DefaultKeyBuilder(with_bot_id=True, with_destiny=True)
    assert _chat_and_user(with_bot.build(in_topic, "data").split(":"), with_bot) == (
        str(STAFF_CHAT), str(STAFF_MEMBER))  # fmt: skip
