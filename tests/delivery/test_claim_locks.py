"""On PostgreSQL two senders claiming at once never wait on each other: a row another sender's
open claim holds is skipped (FOR UPDATE SKIP LOCKED), the rest are taken. (SQLite has one writer
at a time, so the question does not arise there.)"""

from __future__ import annotations

import asyncio

import pytest

from bot.delivery.claims import CLAIM_LEASE
from db.repositories import outbox
from tests.conftest import PG_URL
from tests.delivery.conftest import Delivery
from tests.delivery.test_claims import queue

pytestmark = [
    pytest.mark.skipif(not PG_URL, reason="row locks: PostgreSQL only (TEST_DATABASE_URL)"),
    pytest.mark.parametrize("database_url", ["postgresql"], indirect=True),
]


async def test_a_second_claim_skips_the_row_an_open_claim_holds_and_takes_the_rest(
    delivery: Delivery,
) -> None:
    for key in ("first", "second", "third"):
        await queue(delivery, key)
    now = delivery.clock.now()
    factory = delivery.runtime.session_factory
    async with factory() as holding, factory() as other:
        held = await outbox.claim_due(holding, now, now + CLAIM_LEASE, 1)  # not committed yet
        assert [row.dedupe_key for row in held] == ["first"]
        # Without SKIP LOCKED this would wait for the first claim's transaction to end.
        taken = await asyncio.wait_for(outbox.claim_due(other, now, now + CLAIM_LEASE, 10), 10)
        assert sorted(row.dedupe_key for row in taken) == ["second", "third"]
        await other.commit()
        await holding.commit()
