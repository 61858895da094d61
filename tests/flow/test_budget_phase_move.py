"""Moving a Bürgerhaushalt's phase by hand with `stadtstimme budget phase`: the same path as
/budget and the scheduler (overview.move) — leaving proposals stops those short of supports and
tells their authors, in their language — with the CLI's output and refusals unchanged."""

from __future__ import annotations

import asyncio
from pathlib import Path
from subprocess import CompletedProcess

import pytest

from bot.keyboards.callbacks import ProposalCb
from bot.presentation.budget_notices import notice_renderer
from bot.services.budget import overview
from bot.services.budget.notices import Notifier
from db.models import BudgetPhase, ProposalStatus
from tests.e2e.test_cli import cli_in_process
from tests.flow.announce_support import resident
from tests.flow.budget_proposals_support import audit_actions, handed_in, proposals_process, stored
from tests.flow.harness import POLL_SECRET, TOKEN, Harness
from tests.flow.ideas_support import notices

SHORT = "Mehr Bänke am Kantpark"
SUPPORTED = "Trinkbrunnen am Rheinpark"


async def budget_cli(database_url: str, *args: str) -> CompletedProcess[str]:
    """`stadtstimme budget …` against the harness's database (its own event loop, a thread)."""
    env = {"DATABASE_URL": database_url, "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET}
    return await asyncio.to_thread(cli_in_process, ["budget", *args], env)


async def test_budget_phase_stops_proposals_short_of_supports_and_tells_their_authors(
    harness: Harness, database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    h = harness
    monkeypatch.chdir(tmp_path)  # no developer's .env is read
    process_id = await proposals_process(h, threshold=1)
    author = await resident(h, 9_501, "tr")
    fan = await resident(h, 9_502, "de")
    short = await handed_in(h, process_id, author.id, SHORT)
    supported = await handed_in(h, process_id, author.id, SUPPORTED)
    await fan.press_data(ProposalCb(action="sup", process=process_id, proposal=supported).pack())
    assert (await stored(h, supported)).status == ProposalStatus.IN_REVIEW

    moved = await budget_cli(database_url, "phase", str(process_id), "review")
    assert (moved.returncode, moved.stdout.strip()) == (
        0, f"budget process {process_id}: proposals → review"
    ), moved.stderr  # fmt: skip
    assert (await stored(h, short)).status == ProposalStatus.TOO_FEW
    assert (await stored(h, supported)).status == ProposalStatus.IN_REVIEW
    too_few = h.t(
        "Your proposal “{title}” did not get enough supports before proposals closed.", "tr"
    ).format(title=SHORT)
    assert (await notices(h, author.id))[-1] == too_few
    phase_moves = [a for a in await audit_actions(h) if a[1] == "budget.phase"]
    assert len(phase_moves) == 1

    same = await budget_cli(database_url, "phase", str(process_id), "review")
    assert (same.returncode, same.stdout.strip()) == (
        0, f"budget process {process_id}: review → review"
    )  # fmt: skip
    back = await budget_cli(database_url, "phase", str(process_id), "proposals")
    assert (back.returncode, back.stderr.strip()) == (
        2,
        f"error: budget process {process_id} is in review: phases only move forward "
        "(draft → proposals → review → voting → closed)",
    )
    unknown = await budget_cli(database_url, "phase", "999", "voting")
    assert (unknown.returncode, unknown.stderr.strip()) == (2, "error: no budget process 999")
    assert [a for a in await audit_actions(h) if a[1] == "budget.phase"] == phase_moves


async def test_overview_move_says_where_the_process_came_from(harness: Harness) -> None:
    h = harness
    process_id = await proposals_process(h, threshold=0)
    how = Notifier(notice_renderer(h.runtime.i18n), "de")
    clock = h.runtime.clock
    async with h.runtime.session_factory() as session:
        forward = await overview.move(session, clock, process_id, BudgetPhase.VOTING,
                                      actor=1, notifier=how)  # fmt: skip
        again = await overview.move(session, clock, process_id, BudgetPhase.VOTING,
                                    actor=1, notifier=how)  # fmt: skip
        backward = await overview.move(session, clock, process_id, BudgetPhase.REVIEW,
                                       actor=1, notifier=how)  # fmt: skip
        missing = await overview.move(session, clock, 999, BudgetPhase.VOTING,
                                      actor=1, notifier=how)  # fmt: skip
    assert forward == overview.Move(BudgetPhase.PROPOSALS, moved=True)
    assert again == overview.Move(BudgetPhase.VOTING, moved=False)
    assert backward == overview.Move(BudgetPhase.VOTING, moved=False)
    assert missing is None
