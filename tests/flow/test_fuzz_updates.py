"""Hostile and strange updates through the real Dispatcher on the strict fake Bot API.

Hypothesis generates batches of updates (fuzz_support.py, fuzz_build.py): random text (HTML,
RTL, zero-width, very long), known and unknown commands, random, mutated and well-formed forged
callback data of every prefix, edited messages, channel posts, membership changes, votes with
random option ids for real and junk polls, group poll totals, meeting deep links with junk, in
private chats, groups, supergroups, channels and the staff chat, with optional fields left out.
Meetings (published, full, draft, cancelled, ended), polls and a youth group exist from the
start (fuzz_seed.py). The bot's clock moves a drawn gap per update, mostly calm, sometimes a
flood, so the throttle lets most updates through to the features. Checked: no logged error, no
API call the fake rejected (after every update), and after every update from a resident, no
other person's data changed (fuzz_owned.py).
FUZZ_UPDATES sets the number of updates on SQLite (default 10,000; runtimes in
bench/RESULTS.md), FUZZ_UPDATES_PG on PostgreSQL (default 3,000): the features are the same on
both, SQLite meets them all; PostgreSQL adds its own types and locking, met long before 3,000.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from bot.sandbox.server import FakeBotAPI
from tests.conftest import PG_URL
from tests.flow.announce_support import make_staff
from tests.flow.conftest import checked
from tests.flow.fuzz_build import FuzzClock, build
from tests.flow.fuzz_owned import Owned, changed_for_others, snapshot
from tests.flow.fuzz_seed import seed
from tests.flow.fuzz_support import ADMIN, EDITOR, MODERATOR, RESIDENTS, actions
from tests.flow.harness import TOKEN, Harness
from tests.flow.ideas_support import STAFF_CHAT
from tests.flow.meetings_support import with_clock

TOTAL = int(os.environ.get("FUZZ_UPDATES", "10000"))
TOTAL_PG = int(os.environ.get("FUZZ_UPDATES_PG", str(min(TOTAL, 3000))))
BATCH = 100


@pytest.fixture
async def fuzz_harness(
    fake_api: tuple[FakeBotAPI, str], database_url: str
) -> AsyncIterator[Harness]:
    # Function-scoped, so hypothesis runs every batch against this one harness and database:
    # later batches meet the data earlier ones left behind.
    async with checked(*fake_api, database_url, staff_chat_id=STAFF_CHAT, admin_ids=[ADMIN],
                       throttle_burst=5, spam_repeats=3) as h:  # fmt: skip
        await with_clock(h, FuzzClock())
        await make_staff(h, MODERATOR, "moderator")
        await make_staff(h, EDITOR, "editor")
        await seed(h, RESIDENTS)
        first = next(h.update_ids)
        yield h
        # Hypothesis drops a batch that overruns its buffer: check that all were really fed.
        total = TOTAL if database_url.startswith("sqlite") else TOTAL_PG
        assert next(h.update_ids) - first - 1 >= total


def strange_updates(total: int) -> Callable[..., Any]:
    """The test for one backend: `total` updates in batches against one harness."""

    # No shrinking: it would replay batches against a harness whose data has moved on; the
    # assertion names the action, and the whole batch is printed.
    @settings(
        max_examples=max(1, total // BATCH), deadline=None, database=None,
        phases=[Phase.generate],
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                               HealthCheck.data_too_large],
    )  # fmt: skip
    @given(batch=st.lists(actions(), min_size=BATCH, max_size=BATCH))
    async def test(fuzz_harness: Harness, batch: list[dict[str, Any]]) -> None:
        await feed_batch(fuzz_harness, batch)

    return test


on_sqlite = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
on_postgresql = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
without_postgresql = pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL is not set")
test_strange_updates_break_nothing = on_sqlite(strange_updates(TOTAL))
test_strange_updates_break_nothing_on_postgresql = without_postgresql(
    on_postgresql(strange_updates(TOTAL_PG))
)


async def feed_batch(h: Harness, batch: list[dict[str, Any]]) -> None:
    """Feed the batch; after every update: no rejected call, nobody else's data changed."""
    clock = h.clock
    assert isinstance(clock, FuzzClock)
    calls = h.api.state(TOKEN).calls  # this bot's calls, appended as they come
    before: Owned | None = None
    for action in batch:
        seen = len(calls)
        resident = action["sender"] in RESIDENTS and action["kind"] != "channel_post"
        if resident and before is None:
            before = await snapshot(h)
        clock.advance(action["gap"])
        update = await build(h, action)
        await h.feed(update)
        rejected = [(c.method, c.description, c.params) for c in calls[seen:] if not c.ok]
        assert rejected == [], (update, rejected)
        if resident:
            assert before is not None
            after = await snapshot(h)
            assert changed_for_others(before, after, action["sender"]) == {}, action
            before = after  # the next resident's "before", unless staff act in between
        else:
            before = None
    assert not h.errors.records, [r.getMessage() for r in h.errors.records]
