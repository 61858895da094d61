"""No overbooking across processes: registrations, give-backs, promotions and capacity edits
from two bot processes at once never put more people on a meeting than it has places, keep
the waiting list's order, and every call gets its answer instead of a lock error."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from datetime import timedelta

import pytest

from bot.services.ideas.card_translation import StaffCard
from bot.services.ideas.erasure import StaffChatTexts
from bot.services.meetings import edits as meeting_edits
from bot.services.meetings import registration as meeting_registration
from bot.services.meetings.edits import Edit
from bot.services.personal_data import rights as personal_data
from db.models import User
from tests.db.race_support import (
    NOW,
    Process,
    meeting_with,
    pause_before,
    renderer,
    standing,
    told_promoted,
    two_processes,
)
from tests.db.support import FixedClock

INSERT_SEAT = "INSERT INTO meeting_registrations"
UPDATE_SEAT = "UPDATE meeting_registrations"


async def register(process: Process, clock: FixedClock, user_id: int, meeting_id: int) -> str:
    async with process.sessions() as session:
        user = await session.get(User, user_id)
        assert user is not None
        return await meeting_registration.register(session, clock, user, meeting_id)


async def give_back(process: Process, clock: FixedClock, user_id: int, meeting_id: int) -> bool:
    async with process.sessions() as session:
        user = await session.get(User, user_id)
        assert user is not None
        return await meeting_registration.unregister(
            session, clock, user, meeting_id, renderer(), "de"
        )


async def one_by_one(process: Process, meeting_id: int, people: list[int]) -> None:
    """Register people a minute apart, so the waiting list has a clear order."""
    for minute, user_id in enumerate(people):
        await register(process, FixedClock(NOW + timedelta(minutes=minute)), user_id, meeting_id)


async def telegram_ids(process: Process, user_ids: list[int]) -> list[int]:
    async with process.sessions() as session:
        return [(await session.get(User, uid)).telegram_id for uid in user_ids]  # type: ignore[union-attr]


async def test_twenty_residents_in_two_processes_race_for_one_place(database_url: str) -> None:
    async with two_processes(database_url) as (a, b):
        meeting_id, people = await meeting_with(a.sessions, capacity=1, people=20)
        for process in (a, b):
            pause_before(process.engine, INSERT_SEAT, 0.01)
        clock = FixedClock(NOW + timedelta(hours=1))
        answers = await asyncio.gather(
            *(register((a, b)[n % 2], clock, uid, meeting_id) for n, uid in enumerate(people))
        )
        seats = await standing(a.sessions, meeting_id)
    assert len(seats["registered"]) == 1 and len(seats["waiting"]) == 19
    (winner,) = seats["registered"]
    assert [answers[people.index(uid)] for uid in people if uid != winner] == ["waiting"] * 19
    assert answers[people.index(winner)] == "registered"


async def test_fewer_places_while_residents_register_leaves_nobody_over(
    database_url: str,
) -> None:
    async with two_processes(database_url) as (staff, bot):
        meeting_id, (first, *newcomers) = await meeting_with(bot.sessions, capacity=3, people=3)
        await one_by_one(bot, meeting_id, [first])
        saving = pause_before(staff.engine, "UPDATE meetings", 0.1)

        async def lower() -> int | None:
            async with staff.sessions() as session:
                await meeting_edits.apply(
                    session, NOW, meeting_id, Edit(capacity=1), actor=1, render=renderer(),
                    default_language="de",
                )  # fmt: skip
            async with staff.sessions() as session:
                return (await meeting_edits.repo.get(session, meeting_id)).capacity  # type: ignore[union-attr]

        async def newcomers_tap() -> list[str]:
            await saving.wait()  # staff has counted the one registered and is saving
            clock = FixedClock(NOW + timedelta(hours=1))
            return await asyncio.gather(*(register(bot, clock, u, meeting_id) for u in newcomers))

        capacity, answers = await asyncio.gather(lower(), newcomers_tap())
        seats = await standing(bot.sessions, meeting_id)
    assert capacity == 1
    assert answers == ["waiting", "waiting"]
    assert seats["registered"] == [first] and sorted(seats["waiting"]) == newcomers


async def erase(process: Process, clock: FixedClock, user_id: int, _meeting_id: int) -> bool:
    """The person deletes their data (/delete): their places go to the waiting lists first."""
    async with process.sessions() as session:
        user = await session.get(User, user_id)
        assert user is not None
        staff_chat = StaffChatTexts(
            lambda reference: f"{reference} removed",
            StaffCard(lambda idea, shown: {}, "none", "de"),
        )
        how = personal_data.Erasure(b"key", clock, renderer(), "de", staff_chat, "[removed]")
        await personal_data.erase(session, user, how, keep_public_ideas=False)
        return True


@pytest.mark.parametrize("leave", [give_back, erase], ids=["give-back", "erasure"])
async def test_a_place_freed_while_five_tap_goes_to_exactly_one(
    database_url: str, leave: Callable[[Process, FixedClock, int, int], Awaitable[bool]]
) -> None:
    async with two_processes(database_url) as (a, b):
        meeting_id, (holder, *newcomers) = await meeting_with(a.sessions, capacity=1, people=6)
        await one_by_one(a, meeting_id, [holder])
        for process in (a, b):
            pause_before(process.engine, INSERT_SEAT, 0.01)
        clock = FixedClock(NOW + timedelta(hours=1))
        taps = [register((b, a)[n % 2], clock, uid, meeting_id) for n, uid in enumerate(newcomers)]
        _left, *answers = await asyncio.gather(leave(a, clock, holder, meeting_id), *taps)
        seats = await standing(a.sessions, meeting_id)
        told = await told_promoted(a.sessions)
    assert holder not in seats.get("registered", []) + seats.get("waiting", [])
    assert len(seats["registered"]) == 1 and len(seats["waiting"]) == 4
    # The place went either to a tap that found it free or, by promotion, to whoever waited first.
    assert answers.count("registered") + len(told) == 1
    assert sorted(seats["registered"] + seats["waiting"]) == sorted(newcomers)


async def test_two_places_given_back_at_once_move_up_the_two_who_waited_longest(
    database_url: str,
) -> None:
    async with two_processes(database_url) as (a, b):
        meeting_id, people = await meeting_with(a.sessions, capacity=2, people=5)
        await one_by_one(a, meeting_id, people)
        first, second, *waiting = people
        for process in (a, b):
            pause_before(process.engine, UPDATE_SEAT, 0.02)
        clock = FixedClock(NOW + timedelta(hours=1))
        moved = await asyncio.gather(
            give_back(a, clock, first, meeting_id), give_back(b, clock, second, meeting_id)
        )
        seats = await standing(a.sessions, meeting_id)
        told = await told_promoted(a.sessions)
        expected_told = await telegram_ids(a, waiting[:2])
    assert moved == [True, True]
    assert seats["registered"] == waiting[:2] and seats["waiting"] == waiting[2:]
    assert sorted(told) == sorted(expected_told)  # each of the two told once


async def test_more_places_while_a_place_is_given_back_fill_exactly_the_capacity(
    database_url: str,
) -> None:
    async with two_processes(database_url) as (staff, bot):
        meeting_id, people = await meeting_with(bot.sessions, capacity=1, people=4)
        await one_by_one(bot, meeting_id, people)
        holder, *waiting = people
        for process in (staff, bot):
            pause_before(process.engine, UPDATE_SEAT, 0.02)
        clock = FixedClock(NOW + timedelta(hours=1))

        async def raise_to_two() -> int:
            async with staff.sessions() as session:
                outcome = await meeting_edits.apply(
                    session, clock.now(), meeting_id, Edit(capacity=2), actor=1,
                    render=renderer(), default_language="de",
                )  # fmt: skip
                return outcome.promoted

        promoted, moved = await asyncio.gather(
            raise_to_two(), give_back(bot, clock, holder, meeting_id)
        )
        seats = await standing(bot.sessions, meeting_id)
        told = await told_promoted(bot.sessions)
        expected_told = await telegram_ids(bot, waiting[:2])
    assert promoted + int(moved) == 2
    assert seats["registered"] == waiting[:2] and seats["waiting"] == waiting[2:]
    assert sorted(told) == sorted(expected_told)
