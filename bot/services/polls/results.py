"""Results of a poll: totals over all languages, youth groups, turnout, suppressed breakdowns."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy.ext.asyncio import AsyncSession

from bot.services import audit, tabular
from bot.services.audit import AuditAction
from bot.services.clock import Clock
from bot.services.polls.suppression import Mark, protect
from db.models import Poll
from db.repositories import polls as repo

SUPPRESS_BELOW = 5
SUPPRESSED = "< 5"
DIMENSIONS = ("language", "district", "age_group")
NOT_GIVEN = "undisclosed"  # no profile, or no consent: counted, but not placed


@dataclass
class Segment:
    """Votes per option and voters of one part of the residents (e.g. Turkish speakers)."""

    counts: list[int]
    voters: int = 0

    def add(self, counts: list[int], voters: int) -> None:
        """Add another cell's numbers."""
        self.counts = [a + b for a, b in zip(self.counts, counts, strict=True)]
        self.voters += voters


@dataclass
class Results:
    """Everything shown about one poll's outcome."""

    poll: Poll
    question: str
    options: list[str]
    residents: Segment
    groups: Segment
    group_polls: int
    recipients: int
    breakdowns: dict[str, dict[str, Segment]] = field(default_factory=dict)

    @property
    def totals(self) -> list[int]:
        """Votes per option: residents in every language plus youth groups."""
        return [a + b for a, b in zip(self.residents.counts, self.groups.counts, strict=True)]

    @property
    def voters(self) -> int:
        """Everyone who answered: residents plus youth group members."""
        return self.residents.voters + self.groups.voters

    @property
    def turnout(self) -> float | None:
        """Share of residents who got the poll and answered (groups have no known size)."""
        return self.residents.voters / self.recipients if self.recipients else None


def shown(count: int) -> str:
    """A breakdown cell: below 5 it is never exact."""
    return SUPPRESSED if count < SUPPRESS_BELOW else str(count)


async def overview(session: AsyncSession) -> list[tuple[Poll, str, int]]:
    """Every poll, newest first, with its German question and its number of votes."""
    return await repo.overview(session)


async def get_poll(session: AsyncSession, poll_id: int) -> Poll | None:
    """The poll whose results are asked for, whatever its status."""
    return await repo.get(session, poll_id)


async def compute(session: AsyncSession, poll: Poll, language: str = "de") -> Results:
    """All numbers of a poll in two queries (votes grouped once; group tallies)."""
    variants = await repo.variants(session, poll.id)
    question, options = variants.get(language) or variants["de"]
    width = poll.option_count
    residents = Segment([0] * width)
    breakdowns: dict[str, dict[str, Segment]] = {d: {} for d in DIMENSIONS}
    for lang, district, age_group, voters, counts in await repo.vote_cells(session, poll.id, width):
        residents.add(counts, voters)
        for dimension, value in zip(DIMENSIONS, (lang, district, age_group), strict=True):
            cells = breakdowns[dimension]
            cells.setdefault(value or NOT_GIVEN, Segment([0] * width)).add(counts, voters)
    groups = Segment([0] * width)
    tallies = await repo.group_tallies(session, poll.id)
    for counts, voters in tallies:
        if len(counts) == width:
            groups.add(counts, voters)
    return Results(
        poll=poll, question=question, options=options, residents=residents, groups=groups,
        group_polls=len(tallies), recipients=await repo.private_recipients(session, poll.id),
        breakdowns={d: dict(sorted(cells.items())) for d, cells in breakdowns.items()},
    )  # fmt: skip


def table(results: Results) -> tuple[list[str], list[list[str | int]]]:
    """Header and one row per option: total, residents, youth groups, then breakdown cells."""
    header = ["option", "total", "residents", "youth_groups"]
    columns: list[list[str]] = []
    for dimension, cells in by_segment(results).items():
        for value, column in cells.items():
            header.append(f"{dimension}:{value}")
            columns.append(column)
    rows: list[list[str | int]] = []
    for index, option in enumerate(results.options):
        row: list[str | int] = [
            option, results.totals[index], results.residents.counts[index],
            results.groups.counts[index],
        ]  # fmt: skip
        row += [column[index] for column in columns]
        rows.append(row)
    voters: list[str | int] = ["voters", results.voters, results.residents.voters]
    voters.append(results.groups.voters)
    voters += [column[-1] for column in columns]
    rows.append(voters)
    return header, rows


HIDDEN = Mark.HIDDEN.value


def protected(results: Results, dimension: str) -> dict[str, list[str]]:
    """One breakdown as shown: {value: [per option..., voters]}, small cells hidden so that
    none can be worked out from the totals (bot.services.polls.suppression); a breakdown that
    can't be shown safely is all hidden."""
    cells = results.breakdowns[dimension]
    values = [[*segment.counts, segment.voters] for segment in cells.values()]
    grid = protect(values, rows_add_up=not results.poll.multiple)
    if grid is None:
        grid = [[HIDDEN] * len(row) for row in values]
    return dict(zip(cells, grid, strict=True))


def by_segment(results: Results) -> dict[str, dict[str, list[str]]]:
    """Breakdown cells as shown: {dimension: {value: [per option..., voters]}}."""
    return {dimension: protected(results, dimension) for dimension in results.breakdowns}


async def export(
    session: AsyncSession, clock: Clock, poll: Poll, language: str, *, actor: int, form: str
) -> Results:
    """Results handed to staff (chat, text, file), logged as one audit entry first."""
    found = await compute(session, poll, language)
    await audit.record_export(
        session, clock, actor=actor, action=AuditAction.EXPORT_POLL_RESULTS,
        target=f"poll:{poll.id}", details={"format": form, "voters": found.voters},
    )  # fmt: skip
    return found


def sheets(results: Results) -> tuple[tabular.Sheet, tabular.Sheet]:
    """The results table and a summary, as every file export writes them (CSV: the first)."""
    header, rows = table(results)
    summary: list[list[tabular.Cell]] = [
        ["voters", results.voters],
        ["residents who got the poll", results.recipients],
        ["turnout (residents)", results.turnout if results.turnout is not None else ""],
        ["youth groups", results.group_polls],
    ]
    return (
        tabular.Sheet("results", header, rows),
        tabular.Sheet("summary", ["question", results.question], summary),
    )
