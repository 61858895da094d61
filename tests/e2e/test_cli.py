"""Operators' commands: info pages, and refusing to run on an outdated PostgreSQL schema.

`cli` runs the real `stadtstimme` process (seconds each: it imports the bot); `cli_in_process`
runs the same command tree in this process, for the many refusals of wrong input.
"""

from __future__ import annotations

import contextlib
import logging
import os
import subprocess
import sys
import threading
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bot.cli import command_tree
from db.migrate import head_revision

TOKEN = "987654321:AAE-e2e-token-for-the-real-process-xyz12"
POLL_SECRET = "e2e-poll-secret-for-the-real-process-0123456789"


def real_cli(
    database_url: str, *args: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The real `stadtstimme` process (seconds of CPU each: it imports the bot)."""
    env = {**os.environ, "DATABASE_URL": database_url, "BOT_TOKEN": TOKEN}
    env["POLL_SECRET"] = POLL_SECRET
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env=env, capture_output=True, text=True, timeout=120, cwd=cwd,
    )  # fmt: skip


def cli(database_url: str, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The command with the real process's environment, run in this process on a thread of its
    own; each command group's first run in a test module is a `real_cli` process."""
    env = {**os.environ, "DATABASE_URL": database_url, "BOT_TOKEN": TOKEN}
    env["POLL_SECRET"] = POLL_SECRET
    return cli_in_thread(list(args), env, cwd)


def cli_in_process(
    args: list[str], env: Mapping[str, str | None], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """The command run here, its exit status and output as the process would have them."""
    with contextlib.chdir(cwd or Path.cwd()), logging_kept():
        result = CliRunner().invoke(command_tree(), args, env=env, prog_name="stadtstimme")
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception  # a crash, shown with its traceback
    return subprocess.CompletedProcess(args, result.exit_code, result.stdout, result.stderr)


@contextlib.contextmanager
def logging_kept() -> Iterator[None]:
    """Put the root logger back as it was after a command set up logging for its process.

    The command's handler writes to its (then closed) output: left in place, every later log
    record in this test process would fail and print a traceback instead (and, at the
    command's INFO level, each update would log a line).
    """
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    try:
        yield
    finally:
        root.handlers[:] = handlers
        root.setLevel(level)


def cli_within(
    seconds: float, args: list[str], env: Mapping[str, str | None], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`cli_in_process` on a daemon thread: a command that should have exited but started
    serving instead fails the test after `seconds` (and does not keep the test process alive),
    as a real process's timeout would. `None` in `env` unsets a variable."""
    outcome: list[subprocess.CompletedProcess[str] | BaseException] = []

    def run() -> None:
        try:
            outcome.append(cli_in_process(args, env, cwd))
        except BaseException as error:  # handed to the test's thread below
            outcome.append(error)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert outcome, f"`stadtstimme {' '.join(args)}` still running after {seconds:.0f} s"
    if isinstance(outcome[0], BaseException):
        raise outcome[0]
    return outcome[0]


def cli_in_thread(
    args: list[str], env: dict[str, str], cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`cli_in_process` on a thread of its own, the caller waiting as for a process: a command
    runs its own event loop (asyncio.run), which cannot start inside a test's running loop."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(cli_in_process, args, env, cwd).result()


def cli_here(
    database_url: str, *args: str, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`cli` in this process: for input the command must refuse (one real run per command)."""
    env = {"DATABASE_URL": database_url, "BOT_TOKEN": TOKEN, "POLL_SECRET": POLL_SECRET}
    return cli_in_process(list(args), env, cwd)


def test_info_set_validates_and_replaces_a_page(database_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.html"
    bad.write_text("<b>Kontakt <script>alert(1)</script>", encoding="utf-8")
    result = cli(database_url, "info", "set", "contact", "--lang", "tr", "--file", str(bad))
    assert result.returncode == 2
    assert "not allowed" in result.stderr and "Traceback" not in result.stderr

    good = tmp_path / "page.html"
    good.write_text("<b>Çağrı merkezi</b>: 0203 94000", encoding="utf-8")
    result = real_cli(database_url, "info", "set", "contact", "--lang", "tr", "--file", str(good))
    assert result.returncode == 0, result.stderr
    new = cli(database_url, "info", "set", "youth", "--lang", "de", "--file", str(good))
    assert new.returncode == 2 and "--title" in new.stderr

    listing = cli(database_url, "info", "list")
    assert listing.returncode == 0
    line = next(line for line in listing.stdout.splitlines() if "contact" in line)
    assert "tr" in line and "Kontakt" in line


def test_run_refuses_an_outdated_postgresql_schema(empty_database_url: str) -> None:
    if empty_database_url.startswith("sqlite"):
        pytest.skip("SQLite is migrated automatically at start-up")
    result = real_cli(empty_database_url, "run")
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [
        "error: the database schema is behind this version: run `stadtstimme db upgrade` first"
    ]
    upgraded = real_cli(empty_database_url, "db", "upgrade")
    assert upgraded.returncode == 0
    assert upgraded.stdout.strip() == f"database is at revision {head_revision()}"
