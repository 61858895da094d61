"""`stadtstimme budget proposals ID` and `budget review`: the operator sees the residents'
proposals with status and supports (no one's id), decides them (audited), mistakes refused."""

from __future__ import annotations

import asyncio
import json

from sqlalchemy import select

from db.models import (
    BudgetPhase,
    BudgetProcess,
    BudgetProject,
    BudgetProposal,
    BudgetSupport,
    OutboxMessage,
    StaffAudit,
    User,
)
from db.session import create_engine, create_session_factory
from tests.conftest import sqlite_only
from tests.e2e.test_cli import cli_here


async def _seed(database_url: str) -> int:
    engine = create_engine(database_url)
    async with create_session_factory(engine)() as session:
        author, fan = User(telegram_id=8801, language="tr"), User(telegram_id=8802)
        process = BudgetProcess(title='{"de": "Bürgerhaushalt"}', budget=100_000,
                                phase=BudgetPhase.REVIEW, created_by=0)  # fmt: skip
        session.add_all([author, fan, process])
        await session.flush()
        for title in ("Trinkbrunnen am Rheinpark", "Seilbahn zum Mond"):
            session.add(BudgetProposal(
                process_id=process.id, user_id=author.id, language="tr", title=title,
                description="Eine Beschreibung des Vorschlags.", status="in_review",
            ))  # fmt: skip
        await session.flush()
        session.add(BudgetSupport(proposal_id=1, user_id=fan.id))
        await session.commit()
        process_id = process.id
    await engine.dispose()
    return process_id


async def _stored(database_url: str) -> tuple[list[tuple[str, int | None]], list[str], list[str]]:
    engine = create_engine(database_url)
    async with create_session_factory(engine)() as session:
        projects = (await session.execute(select(BudgetProject.code, BudgetProject.cost))).all()
        actions = list(await session.scalars(select(StaffAudit.action).order_by(StaffAudit.id)))
        payloads = await session.scalars(select(OutboxMessage.payload).order_by(OutboxMessage.id))
        texts = [json.loads(payload or "{}")["text"] for payload in payloads]
    await engine.dispose()
    return [tuple(row) for row in projects], actions, texts  # type: ignore[misc]


@sqlite_only
def test_list_and_review_proposals(database_url: str) -> None:
    process_id = asyncio.run(_seed(database_url))
    listed = cli_here(database_url, "budget", "proposals", str(process_id))
    assert listed.returncode == 0, listed.stderr
    lines = [line for line in listed.stdout.splitlines() if "Rheinpark" in line or "Mond" in line]
    assert [[cell.strip() for cell in line.split("│")[1:4]] for line in lines] == [
        ["1", "in_review", "1"],
        ["2", "in_review", "0"],
    ]
    assert "8801" not in listed.stdout and "8802" not in listed.stdout

    no_german = cli_here(database_url, "budget", "review", "1", "--feasible", "--cost", "20000",
                         "--title", "tr=Çeşme")  # fmt: skip
    assert no_german.returncode != 0 and "German title" in no_german.stderr
    done = cli_here(database_url, "budget", "review", "1", "--feasible", "--cost", "20000",
                    "--title", "de=Trinkbrunnen", "--title", "tr=Çeşme")  # fmt: skip
    assert done.returncode == 0, done.stderr
    refused = cli_here(database_url, "budget", "review", "2", "--not-feasible", "Zu teuer.")
    assert refused.returncode == 0, refused.stderr
    again = cli_here(database_url, "budget", "review", "2", "--merge-into", "1")
    assert again.returncode != 0 and "waiting for review" in again.stderr
    projects, actions, texts = asyncio.run(_stored(database_url))
    assert projects == [("P-1", 20_000)]
    assert actions == ["budget.proposal_feasible", "budget.proposal_not_feasible"]
    assert len(texts) == 2 and "Zu teuer." in texts[1]  # each author told, in Turkish
