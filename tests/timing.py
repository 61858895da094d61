"""Opt-in: where the suite's time goes, per test (docs/TESTING.md, "fifth pass").

    pytest -p tests.timing ...            # one JSON line per test in test-output/timing/

Each line: the test's id, its wall time, the CPU time of the test process and of the child
processes it started (setup and teardown included). Wall time well above both means the test
was waiting (sleeps, polls, a real-time pace), not computing.
"""

from __future__ import annotations

import json
import os
import resource
import time
from collections.abc import Generator
from pathlib import Path

import pytest

FOLDER = Path("test-output/timing")
_LINES = pytest.StashKey[list[str]]()


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, None, None]:
    wall, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    yield
    line = {
        "id": item.nodeid,
        "wall": round(time.perf_counter() - wall, 4),
        "cpu": round(time.process_time() - cpu, 4),
        "children": round(_children_cpu() - children, 4),
    }
    item.config.stash.setdefault(_LINES, []).append(json.dumps(line))


def pytest_unconfigure(config: pytest.Config) -> None:
    lines = config.stash.get(_LINES, [])
    if lines:  # one file per test process (xdist workers run their own)
        FOLDER.mkdir(parents=True, exist_ok=True)
        (FOLDER / f"{os.getpid()}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
