"""Operators get one line and exit status 2 for wrong settings; the token never leaks."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

REAL_LOOKING_TOKEN = "7391046251:AAGx9_zQk2LmNpRsTuVwXyZ01234567abcd"


def run_cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"BOT_TOKEN", "DATABASE_URL"}}
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
        "DATABASE_URL": "postgresql+asyncpg://nobody@127.0.0.1:1/none",
    }
    result = run_cli(env, "db", "upgrade")
    assert result.returncode == 2
    assert "database" in result.stderr.lower()
    assert REAL_LOOKING_TOKEN not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
