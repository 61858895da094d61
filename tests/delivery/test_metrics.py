"""The sender's metrics as an operator scrapes them: leader, sent by outcome, 429s, backlog."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.services.audience import Audience
from bot.services.campaigns import lifecycle as campaigns
from bot.services.campaigns.lifecycle import Draft
from tests.delivery.conftest import TOKEN, Delivery
from tests.delivery.test_campaigns import create, progress
from tests.delivery.test_sender import all_sent, queue_texts
from tests.metrics_support import scrape, value

CONSENT = datetime(2026, 11, 1, tzinfo=UTC)


async def test_sender_metrics_after_a_campaign_with_a_429_and_a_blocked_resident(
    delivery: Delivery,
) -> None:
    await delivery.add_users(6, first_id=81_001, profile_consent_at=CONSENT)
    delivery.api.fail(
        TOKEN, chat_id=81_006, error_code=403, description="Forbidden: bot was blocked by the user"
    )
    delivery.api.fail(TOKEN, method="sendMessage", error_code=429, retry_after=1, times=1)
    campaign = await create(delivery, Draft(texts={"de": "Stadtfest"}, audience=Audience()))
    async with delivery.runtime.session_factory() as session:  # as the sender's first round would
        await campaigns.queue_due(session, delivery.clock, "de")
        await session.commit()
    await queue_texts(delivery, [81_101, 81_102])
    checks: list[int] = []
    during: list[str] = []

    async def finished() -> bool:
        checks.append(1)
        if len(checks) == 2:  # the first check as leader, before anything went out
            during.append((await scrape(delivery.runtime))[1])
        state = await progress(delivery, campaign.id)
        return state.status == "done" and await all_sent(delivery)

    await delivery.send_until(finished)
    [before] = during
    assert value(before, "stadtstimme_sender_leader") == 1
    assert value(before, "stadtstimme_outbox_pending", kind="campaign") == 6
    assert value(before, "stadtstimme_outbox_pending", kind="sendMessage") == 2
    assert value(before, "stadtstimme_campaign_progress_ratio", campaign=str(campaign.id)) == 0
    status, body = await scrape(delivery.runtime)
    assert status == 200
    assert value(body, "stadtstimme_sender_leader") == 0  # stopped: the role was given up
    assert value(body, "stadtstimme_telegram_retry_after_total") == 1
    sent = {
        (kind, outcome): value(body, "stadtstimme_sent_total", kind=kind, outcome=outcome)
        for kind in ("campaign", "sendMessage")
        for outcome in ("sent", "unreachable", "retry_after")
    }
    # The 429 hit one message, which went out after the pause: 5 + 2 delivered in the end.
    assert sent[("campaign", "unreachable")] == 1
    assert sent[("campaign", "sent")] + sent[("sendMessage", "sent")] == 7
    assert (sent[("campaign", "retry_after")] or 0) + (
        sent[("sendMessage", "retry_after")] or 0
    ) == 1
    assert value(body, "stadtstimme_outbox_pending", kind="campaign") is None  # nothing left
    assert value(body, "stadtstimme_db_pool_in_use") is not None
    assert "81001" not in body and "81006" not in body
