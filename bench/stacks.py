"""Where our bot's time goes, from py-spy's raw stacks (``PYSPY_OUT`` of bench/updates.py).

    python bench/stacks.py FILE [--top 40]

First the share of samples by part of the work (a sample counts for the first part, in this
order, whose pattern occurs anywhere in its stack), then the functions with the largest
inclusive share (their own time plus everything they called).
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

PARTS = (
    ("waiting in epoll (idle)", r"\(selectors\.py|epoll"),
    ("database (SQLAlchemy, asyncpg, aiosqlite)", r"sqlalchemy/|asyncpg/|aiosqlite/|sqlite_inline"),
    ("Bot API calls (building, HTTP, parsing the answer)", r"TelegramMethod\.emit"),
    ("keyboards", r"keyboards/|utils/keyboard"),
    ("parsing the webhook's update", r"WebhookHandler\._parse"),
    ("filters", r"HandlerObject\.check"),
    ("translations", r"gettext|i18n/core"),
)


def frames(line: str) -> tuple[list[str], int]:
    """One line of py-spy's raw output: the stack, outermost first, and its sample count."""
    stack, count = line.rstrip().rsplit(" ", 1)
    return stack.split(";"), int(count)


def short(frame: str) -> str:
    """'function (path:line)' without the line and the site-packages prefix."""
    match = re.match(r"(.*) \((.*?)(:\d+)?\)$", frame)
    if not match:
        return frame
    return f"{match.group(1)}  {re.sub(r'.*site-packages/', '', match.group(2))}"


def main(path: Path, top: int) -> None:
    parts: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, count = frames(line)
        total += count
        joined = ";".join(stack)
        parts[next((n for n, rx in PARTS if re.search(rx, joined)), "everything else")] += count
        for name in {short(frame) for frame in stack}:
            inclusive[name] += count
    print(f"{total} samples\n\n| part | share |\n| --- | ---: |")
    for name, count in parts.most_common():
        print(f"| {name} | {100 * count / total:.1f} % |")
    print("\n| function (inclusive) | share |\n| --- | ---: |")
    for name, count in inclusive.most_common(top):
        print(f"| `{name}` | {100 * count / total:.1f} % |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--top", type=int, default=40)
    args = parser.parse_args()
    main(args.file, args.top)
