"""CPU per update of two source trees (before and after a change), interleaved.

    python bench/tree_ab.py BEFORE_DIR AFTER_DIR [--rounds 6] [--residents 40] [--db sqlite]

For a change that cannot be undone inside one process (a restructure: moved modules, routers
built differently): each round starts one process per tree, in alternating order (A B, B A, …),
and each process runs bench/update_profile.py's five steps through the real Dispatcher against
the fake Bot API, warmed up, then measures batches of ``--residents`` new residents. Reported:
the median CPU per update of every batch per tree, and after / before. Both trees need
bench/update_profile.py; a tree is made with `git worktree add DIR COMMIT`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

CHILD = """
import asyncio, json, sys, time
sys.path.insert(0, ".")
from bench.update_profile import five_steps, warm_bot

async def run(residents, batches, db):
    samples = []
    async with warm_bot("postgresql://postgres@127.0.0.1:5432/test", db) as harness:
        for batch in range(batches):
            cpu = time.process_time()
            count = await five_steps(harness, residents, 8_000_000 + batch * 100_000)
            samples.append(1000 * (time.process_time() - cpu) / count)
    print("SAMPLES " + json.dumps(samples))

asyncio.run(run(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]))
"""


def batches_of(tree: Path, residents: int, batches: int, db: str) -> list[float]:
    """One process in `tree`: CPU ms per update for each batch."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(residents), str(batches), db],
        cwd=tree, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    line = next(line for line in done.stdout.splitlines() if line.startswith("SAMPLES "))
    return [float(value) for value in json.loads(line.removeprefix("SAMPLES "))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    parser.add_argument("--rounds", type=int, default=6)
    parser.add_argument("--batches", type=int, default=3)
    parser.add_argument("--residents", type=int, default=40)
    parser.add_argument("--db", choices=("sqlite", "postgresql"), default="sqlite")
    args = parser.parse_args()
    samples: dict[str, list[float]] = {"before": [], "after": []}
    ratios = []  # per round: the two trees ran minutes apart at most, on the same host
    for round_number in range(args.rounds):
        order = ("before", "after") if round_number % 2 == 0 else ("after", "before")
        medians = {}
        for name in order:
            tree = args.before if name == "before" else args.after
            got = batches_of(tree.resolve(), args.residents, args.batches, args.db)
            samples[name].extend(got)
            medians[name] = statistics.median(got)
            print(f"round {round_number + 1} {name}: " + ", ".join(f"{s:.2f}" for s in got))
        ratios.append(medians["after"] / medians["before"])
        print(f"round {round_number + 1} after / before: {ratios[-1]:.3f}")
    before, after = (statistics.median(samples[name]) for name in ("before", "after"))
    print(f"median CPU per update: before {before:.2f} ms, after {after:.2f} ms; "
          f"median of the rounds' after / before {statistics.median(ratios):.3f}")  # fmt: skip


if __name__ == "__main__":
    main()
