"""The fake's chats, messages, files and polls outlive the sandbox process (snapshot)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from aiogram import Bot
from aiogram.types import BufferedInputFile

from bot.sandbox import FakeBotAPI, updates
from bot.sandbox.run import SANDBOX_TOKEN, restore_telegram
from bot.sandbox.snapshot import Snapshot
from db.models import ProcessedUpdate
from db.session import create_engine, create_session_factory
from tests.sandbox.fakeapi_support import TOKEN


def snapshot_in(folder: Path) -> Snapshot:
    return Snapshot(folder / "telegram.json", folder / "files")


async def test_a_restored_fake_shows_the_same_chats_and_goes_on(
    fake: FakeBotAPI, bot: Bot, tmp_path: Path
) -> None:
    ayse = updates.user(42, "tr", "Ayşe")
    fake.add_update(TOKEN, updates.message_update(ayse, "Merhaba"))
    await bot.send_message(42, "<b>Hoş geldiniz</b>")
    pdf = BufferedInputFile(b"%PDF-1.4 plan", filename="plan.pdf")
    document = await bot.send_document(42, pdf)
    poll = await bot.send_poll(42, "Frage?", ["a", "b"], is_anonymous=False)
    assert document.document is not None and poll.poll is not None
    fake.vote(TOKEN, poll.poll.id, ayse, [1])
    before = fake.state(TOKEN)
    snapshot_in(tmp_path).save(before)

    again = FakeBotAPI()
    after = again.state(TOKEN)
    assert snapshot_in(tmp_path).load(after)
    assert [(m.data, m.outgoing) for m in after.messages[42].values()] == [
        (m.data, m.outgoing) for m in before.messages[42].values()
    ]
    assert after.files[document.document.file_id].data == b"%PDF-1.4 plan"
    assert after.chats[42]["first_name"] == "Ayşe"
    assert after.pending == before.pending
    # the restored poll takes votes where it stood; new messages and updates continue
    changed = again.vote(TOKEN, poll.poll.id, updates.user(43, "de"), [1])
    assert changed[0]["poll"]["options"][1]["voter_count"] == 2
    added = again.add_update(TOKEN, changed[0])
    assert added["update_id"] == before.last_update_id + 1
    assert after.next_message_id(42) == before.last_message_id[42] + 1
    assert (tmp_path / "telegram.json").stat().st_mode & 0o777 == 0o600


async def test_an_unchanged_fake_is_not_written_again(fake: FakeBotAPI, tmp_path: Path) -> None:
    snapshot = snapshot_in(tmp_path)
    snapshot.save(fake.state(TOKEN))
    inode = (tmp_path / "telegram.json").stat().st_ino
    snapshot.save(fake.state(TOKEN))
    assert (tmp_path / "telegram.json").stat().st_ino == inode  # replaced files get new inodes
    fake.add_update(TOKEN, updates.message_update(updates.user(42, "de"), "Hallo"))
    snapshot.save(fake.state(TOKEN))
    assert (tmp_path / "telegram.json").stat().st_ino != inode


async def test_update_ids_go_on_after_the_bots_even_when_the_snapshot_was_lost(
    database_url: str, tmp_path: Path
) -> None:
    engine = create_engine(database_url)
    factory = create_session_factory(engine)
    try:
        async with factory() as session:
            session.add_all([ProcessedUpdate(update_id=i) for i in (40, 41)])
            await session.commit()
        api = FakeBotAPI()
        await restore_telegram(api, snapshot_in(tmp_path), factory)  # killed before any save
    finally:
        await engine.dispose()
    added = api.add_update(SANDBOX_TOKEN, updates.start_update(updates.user(42, "de")))
    assert added["update_id"] == 42


async def test_while_running_changes_are_saved_without_waiting_for_a_clean_stop(
    fake: FakeBotAPI, tmp_path: Path
) -> None:
    snapshot = snapshot_in(tmp_path)
    state = fake.state(TOKEN)
    async with snapshot.kept(state, every=0.05):
        fake.add_update(TOKEN, updates.message_update(updates.user(42, "de"), "Hallo"))
        for _ in range(100):  # what a kill -9 now would leave behind
            if (tmp_path / "telegram.json").exists():
                break
            await asyncio.sleep(0.05)
        restored = FakeBotAPI().state(TOKEN)
        assert snapshot_in(tmp_path).load(restored)
        assert restored.messages[42][1].data["text"] == "Hallo"
        fake.add_update(TOKEN, updates.message_update(updates.user(42, "de"), "Tschüss"))
    restored = FakeBotAPI().state(TOKEN)  # the clean stop saved the last message at once
    assert snapshot_in(tmp_path).load(restored)
    assert [m.data["text"] for m in restored.messages[42].values()] == ["Hallo", "Tschüss"]
