"""`run --webhook` starts only with a token and a strong secret; else exit 2 and one line."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import SettingsError, load_settings
from tests.e2e.test_cli import cli_within

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "7391046251:AAGx9_zQk2LmNpRsTuVwXyZ01234567abcd"
GOOD_SECRET = "Ab3_-" * 7 + "xyz"  # 38 characters
POLL_SECRET = "poll-secret-of-the-webhook-tests-0123456789"  # required with a token
HIDDEN = {"BOT_TOKEN", "DATABASE_URL", "WEBHOOK_URL", "WEBHOOK_SECRET", "POLL_SECRET"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def guard() -> dict[str, str]:
    """Were the sandbox started by mistake, it would serve on a free port (and the time limit
    would fail the test); a bot would never reach the internet; the poll key is set, since
    these tests are about the webhook's own settings."""
    return {
        "SANDBOX_PORT": str(free_port()),
        "TELEGRAM_API_URL": "http://127.0.0.1:1",
        "POLL_SECRET": POLL_SECRET,
    }


def run_cli(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """The command in this process (a real one costs seconds of start-up; the test without a
    token runs the real process, where starting the sandbox by mistake would matter most)."""
    return cli_within(60, list(args), dict.fromkeys(HIDDEN) | guard() | env, cwd)


def run_real_cli(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in HIDDEN} | guard()
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        env={**clean, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
    )


def assert_one_line_error(result: subprocess.CompletedProcess[str], variable: str) -> str:
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: {variable}:"), lines[0]
    assert "Traceback" not in result.stderr
    assert "sandbox:" not in result.stdout  # the sandbox's greeting
    assert TOKEN not in result.stderr + result.stdout
    return lines[0]


@pytest.mark.parametrize(
    "secret",
    [None, "", "short", "a" * 31, "a" * 257, "x" * 31 + "!", "ü" * 40, " " + "a" * 40],
    ids=["unset", "empty", "short", "31", "257", "punctuation", "non-ASCII", "space"],
)
def test_webhook_needs_a_strong_secret(tmp_path: Path, secret: str | None) -> None:
    env = {"BOT_TOKEN": TOKEN, "WEBHOOK_URL": "https://bot.example.org/tg"}
    if secret is not None:
        env["WEBHOOK_SECRET"] = secret
    line = assert_one_line_error(run_cli(tmp_path, env, "run", "--webhook"), "WEBHOOK_SECRET")
    assert "32–256" in line
    if secret:
        assert secret.strip() not in line  # never echoed


def test_an_empty_secret_in_env_file_is_missing_not_no_check(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(
        f"BOT_TOKEN={TOKEN}\nWEBHOOK_URL=https://bot.example.org/tg\nWEBHOOK_SECRET=\n",
        encoding="utf-8",
    )
    result = run_cli(tmp_path, {}, "run", "--webhook")
    assert "required for --webhook" in assert_one_line_error(result, "WEBHOOK_SECRET")


def test_the_shipped_env_example_does_not_disable_the_check(tmp_path: Path) -> None:
    shutil.copy(ROOT / ".env.example", tmp_path / ".env")
    env = {"BOT_TOKEN": TOKEN, "WEBHOOK_URL": "https://bot.example.org/tg"}
    assert_one_line_error(run_cli(tmp_path, env, "run", "--webhook"), "WEBHOOK_SECRET")


def test_webhook_without_token_exits_instead_of_starting_the_sandbox(tmp_path: Path) -> None:
    env = {"WEBHOOK_URL": "https://bot.example.org/tg", "WEBHOOK_SECRET": GOOD_SECRET}
    result = run_real_cli(tmp_path, env, "run", "--webhook")
    assert_one_line_error(result, "BOT_TOKEN")
    assert GOOD_SECRET not in result.stderr + result.stdout
    assert not (tmp_path / "stadtstimme-sandbox.db").exists()


def test_webhook_without_url_exits(tmp_path: Path) -> None:
    env = {"BOT_TOKEN": TOKEN, "WEBHOOK_SECRET": GOOD_SECRET}
    assert_one_line_error(run_cli(tmp_path, env, "run", "--webhook"), "WEBHOOK_URL")


@pytest.mark.parametrize("length", [32, 256])
def test_secrets_of_32_to_256_characters_are_accepted(length: int) -> None:
    secret = ("aZ9_-" * 60)[:length]
    settings = load_settings(_env_file=None, webhook_secret=secret)
    assert settings.webhook_secret is not None
    assert settings.webhook_secret.get_secret_value() == secret
    assert load_settings(_env_file=None, webhook_secret="").webhook_secret is None
    with pytest.raises(SettingsError, match=r"^WEBHOOK_SECRET: ") as raised:
        load_settings(_env_file=None, webhook_secret=secret + "!")
    assert secret not in str(raised.value)
