"""/mydata is complete: every column that can hold a person's id is exported or excused.

The columns come from the models' metadata (foreign keys to `users`, names like user_id,
chat_id, created_by, actor, voter; all of `users`; PERSON_LINKED), so a table added later with a
person's id fails here until a section covers it. A declaration alone is not enough: for every
covered column a row is planted for two people, and each export must show its own row only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, MetaData, Table
from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import build_i18n
from bot.presentation.mydata import headings
from bot.services.personal_data import rights as personal_data
from bot.services.personal_data.sections import NOT_EXPORTED, PERSON_LINKED
from db.models import Base, User
from tests.db.personal_data_support import (
    ALL_SECTIONS,
    NOW,
    VOTER_SECRET,
    person_columns,
    planter,
    uncovered,
)
from tests.db.support import FixedClock


def test_every_column_that_can_hold_a_person_is_exported_or_has_a_reason() -> None:
    missing = uncovered(Base.metadata)
    assert missing == [], "\n".join(missing)


def test_the_registry_names_real_columns_each_once() -> None:
    real = {f"{t.name}.{c.name}" for t in Base.metadata.tables.values() for c in t.columns}
    covered = [column for section in ALL_SECTIONS for column in section.covers]
    named = [*covered, *NOT_EXPORTED, *PERSON_LINKED]
    assert sorted(set(named) - real) == []  # a renamed or dropped column is noticed
    assert len(covered) == len(set(covered)), "a column is covered by two sections"
    assert set(covered) & set(NOT_EXPORTED) == set()
    assert sorted(set(NOT_EXPORTED) - person_columns(Base.metadata)) == []
    assert all(reason.strip() for reason in NOT_EXPORTED.values())


def test_a_new_table_with_a_persons_id_is_reported_until_covered() -> None:
    metadata = MetaData()
    for table in Base.metadata.tables.values():
        table.to_metadata(metadata)
    Table(
        "idea_staff_messages", metadata,
        Column("id", Integer, primary_key=True),
        Column("idea_id", ForeignKey("ideas.id")),
        Column("author_user", ForeignKey("users.id")),
        Column("recipient_chat_id", Integer),
    )  # fmt: skip
    metadata.tables["users"].append_column(Column("nickname", Integer))
    found = uncovered(metadata)
    assert [line.split(":")[0] for line in found] == [
        "idea_staff_messages.author_user",
        "idea_staff_messages.recipient_chat_id",
        "users.nickname",
    ]
    assert "add it to a Section's covers in bot/services/personal_data/sections.py" in found[0]


def test_every_section_has_a_heading() -> None:
    i18n = build_i18n("de")
    with i18n.context(), i18n.use_locale("de"):
        shown = headings()
    assert set(shown) == {section.name for section in ALL_SECTIONS} | {"poll_votes"}


async def _exports(session: AsyncSession, *people: User) -> list[dict[str, Any]]:
    clock = FixedClock(NOW)
    return [await personal_data.export(session, clock, person, VOTER_SECRET) for person in people]


async def test_each_covered_column_shows_the_persons_own_rows_and_no_one_elses(
    session: AsyncSession,
) -> None:
    first = User(telegram_id=1_000_001, telegram_language="de", language_offers="en")
    second = User(telegram_id=21_000_001, telegram_language="tr")  # ends in the first's digits
    session.add_all([first, second])
    await session.commit()
    problems = []
    for section in ALL_SECTIONS:
        for column in section.covers:
            plant = planter(column)
            if plant is None:
                problems.append(f"{column}: no planter in tests/db/personal_data_support.py")
                continue
            for person, other in ((second, first), (first, second)):
                mine, theirs = await _exports(session, person, other)
                await plant(session, person)
                await session.commit()
                mine_after, theirs_after = await _exports(session, person, other)
                if mine_after[section.name] == mine[section.name]:
                    problems.append(f"{column}: a planted row is not in '{section.name}'")
                if theirs_after != theirs:
                    problems.append(f"{column}: one person's row shows in another's export")
    assert problems == [], "\n".join(problems)
