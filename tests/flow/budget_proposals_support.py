"""Helpers for the Bürgerhaushalt proposal tests: a process taking proposals, stored rows."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from sqlalchemy import select

from bot.keyboards.callbacks import BudgetStaffCb
from bot.services.budget import proposals
from bot.services.budget.proposals import ProposalDraft
from bot.services.clock import SystemClock
from db.models import (
    BudgetPhase,
    BudgetProcess,
    BudgetProject,
    BudgetProposal,
    BudgetSupport,
    StaffAudit,
    User,
)
from tests.flow.announce_support import EDITOR_ID, editor, resident
from tests.flow.harness import Chat, Harness


async def proposals_process(h: Harness, threshold: int, district: str | None = None) -> int:
    """A process in its proposals phase."""
    async with h.runtime.session_factory() as session:
        process = BudgetProcess(
            title='{"de": "Bürgerhaushalt 2027", "tr": "Katılımcı Bütçe 2027"}', district=district,
            budget=500_000, phase=BudgetPhase.PROPOSALS, support_threshold=threshold, created_by=0,
        )  # fmt: skip
        session.add(process)
        await session.commit()
        return process.id


async def handed_in(h: Harness, process_id: int, telegram_id: int, title: str) -> int:
    """A proposal handed in by a resident who has started the bot."""
    async with h.runtime.session_factory() as session:
        user = (await session.scalars(select(User).where(User.telegram_id == telegram_id))).one()
        draft = ProposalDraft(title, "Eine längere Beschreibung des Vorschlags für den Stadtteil.",
                              None, "de")  # fmt: skip
        proposal = await proposals.submit(session, SystemClock(), user, process_id, draft)
        assert proposal is not None
        return proposal.id


async def stored(h: Harness, proposal_id: int) -> BudgetProposal:
    async with h.runtime.session_factory() as session:
        proposal = await session.get(BudgetProposal, proposal_id)
        assert proposal is not None
        return proposal


async def supporters(h: Harness, proposal_id: int) -> set[int]:
    """Telegram ids of the people supporting a proposal."""
    async with h.runtime.session_factory() as session:
        rows = await session.scalars(
            select(User.telegram_id)
            .join(BudgetSupport, BudgetSupport.user_id == User.id)
            .where(BudgetSupport.proposal_id == proposal_id)
        )
        return set(rows)


async def projects(h: Harness, process_id: int) -> list[BudgetProject]:
    async with h.runtime.session_factory() as session:
        rows = await session.scalars(
            select(BudgetProject).where(BudgetProject.process_id == process_id)
        )
        return list(rows)


async def audit_actions(h: Harness) -> list[tuple[int, str, str]]:
    """(actor, action, target) of every audit entry, oldest first."""
    async with h.runtime.session_factory() as session:
        rows = await session.scalars(select(StaffAudit).order_by(StaffAudit.id))
        return [(row.actor, row.action, row.target) for row in rows]


# Scenarios for tests/flow/test_staff_audit.py: (the actor, the step that must write the entry).
Step = Callable[[], Awaitable[None]]


async def _two_in_review(h: Harness) -> tuple[Chat, int, int, int]:
    """An editor's chat, a process (threshold 0) and two proposals waiting for review."""
    process_id = await proposals_process(h, threshold=0, district="hamborn")
    await resident(h, 812, "de")
    first = await handed_in(h, process_id, 812, "Trinkbrunnen am Rheinpark")
    second = await handed_in(h, process_id, 812, "Noch ein Trinkbrunnen am Rhein")
    return await editor(h), process_id, first, second


async def _asked(h: Harness, action: str) -> tuple[Chat, int]:
    chat, process_id, first, second = await _two_in_review(h)
    ask = BudgetStaffCb(action=action, process=process_id, proposal=first)  # type: ignore[arg-type]
    await chat.press_data(ask.pack())
    return chat, second


async def feasible_proposal(h: Harness) -> tuple[int, Step]:
    chat, _second = await _asked(h, "ok")
    return EDITOR_ID, lambda: chat.send("25000\nTrinkbrunnen\nAm Hauptweg des Rheinparks.")


async def refuse_proposal(h: Harness) -> tuple[int, Step]:
    chat, _second = await _asked(h, "nf")
    return EDITOR_ID, lambda: chat.send("Die Fläche gehört nicht der Stadt.")


async def merge_proposal(h: Harness) -> tuple[int, Step]:
    chat, second = await _asked(h, "mg")
    return EDITOR_ID, lambda: chat.send(str(second))


async def move_phase(h: Harness) -> tuple[int, Step]:
    chat, process_id, _first, _second = await _two_in_review(h)
    move = BudgetStaffCb(action="mvok", process=process_id, phase="review")
    return EDITOR_ID, lambda: chat.press_data(move.pack())
