"""Operators get one line and exit status 2 for wrong settings; the token never leaks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.test_cli import cli_within

REAL_LOOKING_TOKEN = "7391046251:AAGx9_zQk2LmNpRsTuVwXyZ01234567abcd"
POLL_SECRET = "4f0c1e9a7b2d48e6a3c5f7091b2d4e6f8a0c2e4f"


UNSET = ("BOT_TOKEN", "DATABASE_URL", "POLL_SECRET")


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """The command in this process (a real one costs seconds of start-up; one test below runs
    the real process, so what a process adds is checked once)."""
    return cli_within(60, list(args), dict.fromkeys(UNSET) | env, Path("/tmp"))


def run_real_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in UNSET}
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
        cwd="/tmp",
    )


@pytest.mark.parametrize(
    ("env", "variable"),
    [
        ({"BOT_TOKEN": "garbage"}, "BOT_TOKEN"),
        ({"BOT_TOKEN": REAL_LOOKING_TOKEN[:-12]}, "BOT_TOKEN"),
        ({"BOT_TOKEN": REAL_LOOKING_TOKEN, "DATABASE_URL": "mysql://x/y"}, "DATABASE_URL"),
        ({"BOT_TOKEN": REAL_LOOKING_TOKEN, "DATABASE_URL": "::::"}, "DATABASE_URL"),
        ({"BOT_TOKEN": REAL_LOOKING_TOKEN, "TIMEZONE": "Mars/Olympus"}, "TIMEZONE"),
        ({"BOT_TOKEN": REAL_LOOKING_TOKEN, "ADMIN_IDS": "12,abc"}, "ADMIN_IDS"),
        ({"BOT_TOKEN": REAL_LOOKING_TOKEN, "WEBHOOK_PORT": "99999"}, "WEBHOOK_PORT"),
        ({"BOT_TOKEN": REAL_LOOKING_TOKEN, "IDEA_RESPONSE_DAYS": "0"}, "IDEA_RESPONSE_DAYS"),
    ],
)
def test_wrong_setting_exits_2_with_one_line(env: dict[str, str], variable: str) -> None:
    result = run_cli(env, "run")
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert variable in lines[0]
    assert "Traceback" not in result.stderr
    for secret in (env.get("BOT_TOKEN", "garbage"), REAL_LOOKING_TOKEN):
        assert secret not in result.stderr + result.stdout


def test_unreachable_database_names_problem_without_token() -> None:
    env = {
        "BOT_TOKEN": REAL_LOOKING_TOKEN,
        "POLL_SECRET": POLL_SECRET,
        "DATABASE_URL": "postgresql+asyncpg://nobody@127.0.0.1:1/none",
    }
    result = run_real_cli(env, "db", "upgrade")
    assert result.returncode == 2
    assert "database" in result.stderr.lower()
    assert REAL_LOOKING_TOKEN not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("env", "command"),
    [
        ({"BOT_TOKEN": REAL_LOOKING_TOKEN}, ("run",)),  # production without a poll key
        ({"BOT_TOKEN": REAL_LOOKING_TOKEN}, ("polls", "results", "1")),  # counts real votes
        ({"BOT_TOKEN": REAL_LOOKING_TOKEN}, ("users", "delete", "4711")),  # erases votes
        ({"BOT_TOKEN": REAL_LOOKING_TOKEN, "POLL_SECRET": REAL_LOOKING_TOKEN}, ("run",)),
        ({"BOT_TOKEN": REAL_LOOKING_TOKEN, "POLL_SECRET": "short"}, ("run",)),
    ],
)
def test_production_needs_its_own_poll_secret(env: dict[str, str], command: tuple[str]) -> None:
    result = run_cli(env | {"DATABASE_URL": "sqlite+aiosqlite:///./never.db"}, *command)
    assert result.returncode == 2, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error: POLL_SECRET"), result.stderr
    assert REAL_LOOKING_TOKEN not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_the_sandbox_and_a_set_secret_key_votes_as_documented() -> None:
    from bot.config import SANDBOX_POLL_KEY, SettingsError, load_settings

    sandbox = load_settings(_env_file=None)
    assert sandbox.bot_token is None and sandbox.poll_key == SANDBOX_POLL_KEY
    production = load_settings(
        _env_file=None, bot_token=REAL_LOOKING_TOKEN, poll_secret=POLL_SECRET
    )
    assert production.poll_key == POLL_SECRET.encode()
    with pytest.raises(SettingsError, match=r"^POLL_SECRET"):
        _ = load_settings(_env_file=None, bot_token=REAL_LOOKING_TOKEN).poll_key
    with pytest.raises(SettingsError, match=r"^POLL_SECRET: must not be the bot token"):
        load_settings(_env_file=None, bot_token=REAL_LOOKING_TOKEN, poll_secret=REAL_LOOKING_TOKEN)
