"""Plain CLI commands start quickly: they do not load aiogram or the handlers (seconds each)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import sqlite_only

PLAIN = [
    ["--help"], ["info", "list"], ["ideas", "list"], ["meetings", "list"], ["campaigns", "list"],
    ["audit"], ["staff", "list"], ["polls", "list"],
]  # fmt: skip
SCRIPT = """
import json, sys
from typer.testing import CliRunner
from bot.cli import command_tree
codes = [CliRunner().invoke(command_tree(), args).exit_code for args in json.loads(sys.argv[1])]
loaded = sorted({name.split(".")[0] for name in sys.modules} & {"aiogram", "handlers"})
print(json.dumps({"exit codes": codes, "loaded": loaded}))
"""


@sqlite_only  # which modules a command imports does not depend on the database
def test_plain_commands_do_not_import_aiogram(database_url: str, tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "BOT_TOKEN": ""}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(PLAIN)],
        env=env, capture_output=True, text=True, timeout=120, cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {"exit codes": [0] * len(PLAIN), "loaded": []}
