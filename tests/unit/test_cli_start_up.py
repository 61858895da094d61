"""Staff commands that don't talk to Telegram start without loading aiogram."""

from __future__ import annotations

import subprocess
import sys


def test_the_cli_starts_without_loading_aiogram() -> None:
    # aiogram builds ~600 pydantic models on import: 6–7 s of every `stadtstimme …` on a
    # 2-core machine, for `--help`, `campaigns list` or an export as much as for `run`.
    probe = (
        "import contextlib, sys\n"
        "from bot.cli import main\n"
        "sys.argv = ['stadtstimme', '--help']\n"
        "with contextlib.suppress(SystemExit):\n"
        "    main()  # registers every command group, then prints the help\n"
        "print('loaded:', sorted(m for m in sys.modules if m.startswith('aiogram')))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    assert "campaigns" in run.stdout  # the help was printed
    assert run.stdout.strip().splitlines()[-1] == "loaded: []"
