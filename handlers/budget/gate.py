"""Who may vote: the eligibility answers a resident gave for a process, and the screen a ballot
opens on — the next question still open (district, age, voting code), or the ballot itself.

The answers live in the conversation data until the first ballot is cast (then they are
dropped: the stored ballot shows the person was let in); a code only as its digest."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aiogram.fsm.context import FSMContext
from aiogram.fsm.state import State, StatesGroup
from sqlalchemy.ext.asyncio import AsyncSession

from bot.config import Settings
from bot.presentation import budget as screens
from bot.presentation import budget_gate as gate_screens
from bot.services.budget import voting
from bot.services.budget.voting import CastOutcome
from bot.services.clock import Clock
from db.models import BudgetProcess

if TYPE_CHECKING:
    from db.models import User

GATE = "budget_gate"  # {process id: {"district": True, "age": True, "code": digest}}
CODE_FOR = "budget_code_for"  # the process whose code the person is asked to send


class Gate(StatesGroup):
    """Waiting for a voting code typed into the chat."""

    code = State()


async def answers(state: FSMContext, process_id: int) -> dict[str, Any]:
    """What the person has answered for this process so far."""
    gate: dict[str, dict[str, Any]] = (await state.get_data()).get(GATE, {})
    return dict(gate.get(str(process_id), {}))


async def remember(state: FSMContext, process_id: int, **answered: Any) -> None:
    """Keep an answer for this process."""
    data = await state.get_data()
    gate = dict(data.get(GATE, {}))
    gate[str(process_id)] = {**gate.get(str(process_id), {}), **answered}
    await state.update_data({GATE: gate})


async def forget(state: FSMContext, process_id: int) -> None:
    """Drop the answers for this process (a ballot is stored, or a code turned out used)."""
    data = await state.get_data()
    gate = {k: v for k, v in data.get(GATE, {}).items() if k != str(process_id)}
    rest = {k: v for k, v in data.items() if k != GATE}
    await state.set_data({**rest, GATE: gate} if gate else rest)


async def question(process: BudgetProcess, state: FSMContext) -> tuple[str, Any] | None:
    """The next eligibility question for someone without a ballot, or None when all answered."""
    given = await answers(state, process.id)
    if process.district is not None and not given.get("district"):
        return gate_screens.district_question(process), gate_screens.district_keyboard(process)
    if process.min_age is not None and not given.get("age"):
        return gate_screens.age_question(process), gate_screens.age_keyboard(process)
    if process.codes and not given.get("code"):
        await state.set_state(Gate.code)
        await state.update_data({CODE_FOR: process.id})
        return gate_screens.code_question(process), gate_screens.back_keyboard()
    return None


async def screen(
    session: AsyncSession, clock: Clock, settings: Settings, user: User, state: FSMContext,
    process_id: int,
) -> tuple[str, Any]:  # fmt: skip
    """The ballot screen, starting from the stored ballot; a question first for someone who has
    not voted yet and not answered it; or the list if the vote is not open."""
    if await state.get_state() == Gate.code.state:
        await state.set_state(None)  # a code asked for earlier is not awaited any more
    process = await voting.process(session, process_id)
    if process is None or not voting.is_open(process, clock):
        processes = await voting.open_processes(session, clock)
        text = screens.refusal(CastOutcome.CLOSED, process, 0) if process else ""
        listing = screens.choose_text(processes)
        return (text + "\n\n" + listing).strip(), screens.choose_keyboard(processes)
    stored = await voting.ballot(session, settings.poll_key, process.id, user.telegram_id)
    if stored is None:
        asked = await question(process, state)
        if asked is not None:
            return asked
    projects = await voting.projects_of(session, process.id)
    chosen = stored or []
    return (
        screens.ballot_text(process, projects, chosen, voted=stored is not None),
        screens.ballot_keyboard(process, projects, chosen),
    )
