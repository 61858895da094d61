"""The staff chat post of an idea is durable: outbox, retries, a staff chat set later, withdraw."""

from __future__ import annotations

from sqlalchemy import select

from bot.sandbox.limits import FailureRule
from bot.sandbox.server import FakeBotAPI
from bot.staff_chat import queue_missed_posts
from db.models import OutboxMessage
from tests.flow.announce_support import resident
from tests.flow.harness import Harness
from tests.flow.ideas_support import (
    STAFF_CHAT,
    StaffMember,
    deliver,
    moderator,
    reference,
    stored_ideas,
)
from tests.flow.test_ideas_hand_in import hand_in, next_steps_text


async def staff_rows(h: Harness) -> list[OutboxMessage]:
    async with h.runtime.session_factory() as session:
        query = select(OutboxMessage).where(OutboxMessage.chat_id == STAFF_CHAT)
        return list((await session.execute(query.order_by(OutboxMessage.id))).scalars())


async def test_without_a_staff_chat_the_card_goes_out_once_it_is_set(harness: Harness) -> None:
    h = harness  # STAFF_CHAT_ID unset
    author = await resident(h, 870, "tr")
    await hand_in(h, author, "tr")
    assert reference(h) in author.last_text() and next_steps_text(h, "tr", 5) in author.last_text()
    [idea] = await stored_ideas(h)
    assert idea.status == "submitted" and await staff_rows(h) == []
    second = await resident(h, 871, "de")
    await hand_in(h, second, "de", "Ein zweiter Vorschlag: Trinkbrunnen im Kantpark bitte.")
    await second.send("/menu")
    await second.press("💡")
    await second.press(h.t("My ideas", "de"))
    await second.press(
        h.t("Withdraw {reference}", "de").format(reference=idea.reference[:-1] + "2")
    )
    await second.press(h.t("Yes, withdraw it", "de"))

    h.settings.staff_chat_id = STAFF_CHAT  # set, and the bot started again
    assert await queue_missed_posts(h.bot, h.runtime) == 1  # not the withdrawn one
    assert await queue_missed_posts(h.bot, h.runtime) == 0  # queued once
    await deliver(h)
    mod = await moderator(h)
    assert [m["text"].splitlines()[0] for m in mod.messages()] == [
        h.t("💡 <b>Idea {reference}</b>", "de").format(reference=reference(h)).replace("<b>", "")
        .replace("</b>", "")
    ]  # fmt: skip
    await mod.decide(reference(h), h.t("Publish", "de"))
    [idea, _withdrawn] = await stored_ideas(h)
    assert idea.status == "published"


async def test_a_failed_staff_post_is_retried(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> None:
    api, base_url = fake_api
    h = Harness(api, base_url, database_url, staff_chat_id=STAFF_CHAT)
    await h.start()
    try:
        api.pipeline.failures.add(
            FailureRule(None, "sendMessage", STAFF_CHAT, 502, "Bad Gateway", times=1)
        )
        author = await resident(h, 872, "ar")
        await hand_in(h, author, "ar")  # the sender meets the outage and tries again
        card = StaffMember(h, 950).card(reference(h))
        assert card["reply_markup"]["inline_keyboard"]
    finally:
        await h.stop()
    failed = [(c.method, c.params.get("chat_id")) for c in api.calls(ok=False)]
    assert failed == [("sendMessage", STAFF_CHAT)]
    [row] = await staff_rows_of(h)
    assert (row.status, row.attempts, row.message_id) == ("sent", 1, card["message_id"])


async def staff_rows_of(h: Harness) -> list[OutboxMessage]:
    await h.start()
    try:
        return await staff_rows(h)
    finally:
        await h.stop()


async def test_withdrawn_before_it_went_out_staff_never_see_it(ideas_harness: Harness) -> None:
    h = ideas_harness
    author = await resident(h, 873, "de")
    await hand_in(h, author, "de", post=False)
    await author.send("/menu")
    await author.press("💡")
    await author.press(h.t("My ideas", "de"))
    await author.press(h.t("Withdraw {reference}", "de").format(reference=reference(h)))
    await author.press(h.t("Yes, withdraw it", "de"))
    await deliver(h)
    assert StaffMember(h, 950).messages() == []
    assert [r.status for r in await staff_rows(h)] == ["cancelled"]
