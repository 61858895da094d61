"""Speed of the Bürgerhaushalt result: 50,000 ballots × 60 projects, MES with Add1 (goal ≤ 5 s).

Run: `python bench/budget.py [--ballots 50000] [--projects 60] [--budget 1000000] [--seed 7]`
(one process, one core). Ballots: each voter approves 1–8 projects, popularity skewed (some
projects draw many more votes, as in real processes), costs 5,000–150,000 €. Prints the time
of each rule, the number of Add1 steps (the share grows by 1 € per step), what was funded.
"""

from __future__ import annotations

import argparse
import random
import time

from bot.services.budget import equal_shares
from bot.services.budget.allocation import Candidate, allocate
from db.models import BudgetRule


def instance(ballots: int, projects: int, seed: int) -> tuple[list[Candidate], list[list[str]]]:
    """Random projects and approval ballots with skewed popularity."""
    rng = random.Random(seed)
    candidates = [
        Candidate(f"P-{number:02d}", rng.randrange(5_000, 150_001, 500))
        for number in range(1, projects + 1)
    ]
    codes = [candidate.code for candidate in candidates]
    weights = [rng.paretovariate(1.5) for _ in codes]
    chosen = []
    for _ in range(ballots):
        wanted = rng.randint(1, 8)
        chosen.append(sorted(set(rng.choices(codes, weights, k=wanted))))
    return candidates, chosen


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ballots", type=int, default=50_000)
    parser.add_argument("--projects", type=int, default=60)
    parser.add_argument("--budget", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    candidates, ballots = instance(args.ballots, args.projects, args.seed)
    steps = 0
    original = equal_shares.run

    def counted(*arguments: object, **keywords: object) -> equal_shares.Run:
        nonlocal steps
        steps += 1
        return original(*arguments, **keywords)  # type: ignore[arg-type]

    equal_shares.run = counted  # type: ignore[assignment]
    for rule in (BudgetRule.MES, BudgetRule.GREEDY):
        steps = 0
        start = time.perf_counter()
        result = allocate(candidates, ballots, args.budget, rule)
        elapsed = time.perf_counter() - start
        print(
            f"{rule.value:6} {elapsed:6.2f} s  MES runs {steps:3d}  funded {len(result.funded):2d}"
            f"  spent {result.spent:>9,} of {args.budget:,} €"
            + (f"  final share {result.share:.2f} €" if result.share else "")
        )


if __name__ == "__main__":
    main()
