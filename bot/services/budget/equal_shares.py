"""The Method of Equal Shares for approval ballots with cost satisfaction (numpy, no aiogram).

Every voter starts with an equal share of the money. A project is bought by its supporters,
each paying the same amount q (or all they have left, if less); the project whose price per euro
of cost, rho = q / cost, is lowest goes next (equalshares.net, "cost utilities"). A project its
supporters can no longer pay for is out. Money is float64 in euros; two prices within
TOLERANCE (relative) count as equal, which turns exact ties of the rational computation into
ties here rather than into a rounding-error winner.

Ties between equally priced projects: more votes, then lower cost, then the lower code.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

TOLERANCE = 1e-9


@dataclass(frozen=True)
class Electorate:
    """The instance: per project its cost and its supporters (voter indices), and n voters."""

    costs: Sequence[int]
    supporters: Sequence[NDArray[np.int64]]
    voters: int
    tie_order: Sequence[int]  # rank of each project by (more votes, lower cost, lower code)


@dataclass(frozen=True)
class Run:
    """One run at a given share: funded project indices in order, and what supporters had left."""

    funded: list[int]
    left: NDArray[np.float64]  # each voter's remaining share at the end


def _payment(shares: NDArray[np.float64], cost: float) -> float | None:
    """The equal payment q with sum(min(share, q)) == cost, or None if the supporters can't pay.

    Sorted ascending, supporter j (0-based) pays all they have until the rest can split what
    remains equally: the first j whose share reaches (cost - paid so far) / (k - j)."""
    if shares.sum() < cost * (1 - TOLERANCE):
        return None
    ordered = np.sort(shares)
    paid_before = np.concatenate(([0.0], np.cumsum(ordered)[:-1]))
    remaining = np.arange(len(ordered), 0, -1, dtype=np.float64)
    candidates = (cost - paid_before) / remaining
    reaches = ordered >= candidates * (1 - TOLERANCE)
    first = int(np.argmax(reaches))
    return float(candidates[first]) if reaches[first] else float(candidates[-1])


def run(electorate: Electorate, share: float, candidates: Sequence[int]) -> Run:
    """MES with every voter's share set to `share`, over the candidate projects.

    Lazy: a project's price only rises as shares are spent, so projects are re-priced in the
    order of their last price and the search stops once the best fresh price beats the next
    stale one (as pabutools does)."""
    left = np.full(electorate.voters, share, dtype=np.float64)
    costs = electorate.costs
    # (stale price, tie rank, project); initial price: everyone pays cost / votes.
    heap = [(1.0 / len(electorate.supporters[p]), electorate.tie_order[p], p) for p in candidates]
    heapq.heapify(heap)
    funded: list[int] = []
    while heap:
        fresh: list[tuple[float, int, int, float]] = []  # price, rank, project, payment
        best = float("inf")
        while heap and heap[0][0] <= best * (1 + TOLERANCE):
            _stale, rank, project = heapq.heappop(heap)
            cost = float(costs[project])
            payment = _payment(left[electorate.supporters[project]], cost)
            if payment is None:
                continue  # out for good: shares only shrink
            price = payment / cost
            fresh.append((price, rank, project, payment))
            best = min(best, price)
        if not fresh:
            break
        tied = [entry for entry in fresh if entry[0] <= best * (1 + TOLERANCE)]
        winner = min(tied, key=lambda entry: entry[1])
        for entry in fresh:
            if entry is not winner:
                heapq.heappush(heap, (entry[0], entry[1], entry[2]))
        _price, _rank, project, payment = winner
        supporters = electorate.supporters[project]
        left[supporters] -= np.minimum(left[supporters], payment)
        funded.append(project)
    return Run(funded, left)


def with_add1(
    electorate: Electorate, budget: int, candidates: Sequence[int], step: float = 1.0
) -> tuple[Run, float]:
    """MES completed by Add1: raise every voter's share by `step` euros while the outcome stays
    within the budget; stop at the first outcome that leaves no candidate affordable (kept) or
    costs more than the budget (the one before is kept). Returns the run and its share.

    The same steps as pabutools' `method_of_equal_shares(..., voter_budget_increment=step)`."""
    share = budget / electorate.voters
    previous: tuple[Run, float] | None = None
    while True:
        outcome = run(electorate, share, candidates)
        spent = sum(electorate.costs[p] for p in outcome.funded)
        if spent > budget:
            assert previous is not None  # the first run, at budget / voters, never overspends
            return previous
        chosen = set(outcome.funded)
        if all(p in chosen or spent + electorate.costs[p] > budget for p in candidates):
            return outcome, share
        previous = outcome, share
        share += step
