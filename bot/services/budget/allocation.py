"""Which projects a Bürgerhaushalt funds, and why each other one is not (no aiogram, no db).

Rules (the process's `rule`, fixed before voting opens):
- `mes`: the Method of Equal Shares with cost satisfaction (equal_shares.py), completed by Add1
  (every voter's share raised by 1 € per step while the outcome stays within the budget), then
  greedy by votes for the money left over — the variant used in Wieliczka and Aarau (2023).
- `greedy`: most votes first, skipping what no longer fits (Decidim/CONSUL behaviour).

Ties, in both rules and at every step: more votes, then lower cost, then the lower project code
(codes compare as text, so number them with the same width: H-01 … H-12).
A project nobody voted for is never funded.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from bot.services.budget import equal_shares
from db.models import BudgetRule


@dataclass(frozen=True)
class Candidate:
    """A project on the ballot: its code and its official cost in whole euros (≥ 1)."""

    code: str
    cost: int


class Reason(StrEnum):
    """Why a project is not funded."""

    SHORTFALL = "shortfall"  # its supporters' remaining shares fell short by `euros`
    NO_FIT = "no_fit"  # it did not fit the `euros` left when its turn came
    NO_VOTES = "no_votes"


@dataclass(frozen=True)
class Explanation:
    """The reason and the amount it names (whole euros, rounded up for a shortfall)."""

    reason: Reason
    euros: int


@dataclass(frozen=True)
class Result:
    """The outcome: funded codes in the order chosen, votes and, per unfunded code, why."""

    rule: BudgetRule
    budget: int
    ballots: int
    funded: tuple[str, ...]
    votes: dict[str, int]
    explanations: dict[str, Explanation]
    share: float | None  # mes: each voter's share in the run kept (after Add1), euros
    costs: tuple[tuple[str, int], ...]

    @property
    def spent(self) -> int:
        """What the funded projects cost together."""
        costs = {code: cost for code, cost in self.costs}
        return sum(costs[code] for code in self.funded)


def _supporters(
    codes: Sequence[str], ballots: Iterable[Iterable[str]]
) -> tuple[list[np.ndarray], int]:
    index = {code: position for position, code in enumerate(codes)}
    lists: list[list[int]] = [[] for _ in codes]
    voters = 0
    for voter, ballot in enumerate(ballots):
        voters += 1
        for code in set(ballot):
            lists[index[code]].append(voter)
    return [np.asarray(found, dtype=np.int64) for found in lists], voters


def tie_order(projects: Sequence[Candidate], votes: Sequence[int]) -> list[int]:
    """Each project's rank: more votes first, then lower cost, then the lower code."""
    order = sorted(
        range(len(projects)), key=lambda p: (-votes[p], projects[p].cost, projects[p].code)
    )
    rank = [0] * len(projects)
    for position, project in enumerate(order):
        rank[project] = position
    return rank


def allocate(
    projects: Sequence[Candidate],
    ballots: Iterable[Iterable[str]],
    budget: int,
    rule: BudgetRule,
    step: float = 1.0,
) -> Result:
    """Compute the result; every ballot names only codes of `projects` (KeyError otherwise)."""
    codes = [project.code for project in projects]
    supporters, voters = _supporters(codes, ballots)
    votes = [len(found) for found in supporters]
    rank = tie_order(projects, votes)
    electorate = equal_shares.Electorate(
        [project.cost for project in projects], supporters, voters, rank
    )
    candidates = sorted((p for p in range(len(projects)) if votes[p] > 0), key=rank.__getitem__)
    explanations = {codes[p]: Explanation(Reason.NO_VOTES, 0) for p in range(len(projects))}
    # A free project with votes is funded first: it costs nobody a share (and MES divides by cost).
    funded: list[int] = [p for p in candidates if projects[p].cost <= 0]
    share: float | None = None
    priced = [p for p in candidates if p not in funded]
    if rule == BudgetRule.MES and priced:
        outcome, share = equal_shares.with_add1(electorate, budget, priced, step)
        funded += outcome.funded
        after_mes = budget - sum(projects[p].cost for p in funded)
        for p in priced:
            if p in funded:
                continue
            if projects[p].cost > after_mes:  # no share could have bought it: say so
                explanations[codes[p]] = Explanation(Reason.NO_FIT, after_mes)
                continue
            short = projects[p].cost - float(outcome.left[supporters[p]].sum())
            # Rounded up to whole euros; micro-cent float noise does not add a euro.
            euros = max(1, math.ceil(round(short, 6)))
            explanations[codes[p]] = Explanation(Reason.SHORTFALL, euros)
    left = budget - sum(projects[p].cost for p in funded)
    for p in candidates:  # greedy: the whole rule, or the completion of mes
        if p in funded:
            continue
        if projects[p].cost <= left:
            funded.append(p)
            left -= projects[p].cost
        elif rule == BudgetRule.GREEDY:
            explanations[codes[p]] = Explanation(Reason.NO_FIT, left)
    for p in funded:
        explanations.pop(codes[p], None)
    return Result(
        rule=rule, budget=budget, ballots=voters, funded=tuple(codes[p] for p in funded),
        votes=dict(zip(codes, votes, strict=True)), explanations=explanations, share=share,
        costs=tuple((project.code, project.cost) for project in projects),
    )  # fmt: skip
