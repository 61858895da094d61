"""The CI's dependency audit never passes silently when pip-audit could look nothing up."""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / ".ci" / "audit.py"


def audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("ci_audit", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def skipped(name: str) -> dict[str, str]:
    return {"name": name, "skip_reason": f"Dependency not found on PyPI: {name}"}


def test_nothing_looked_up_is_reported_as_not_done() -> None:
    status, lines = audit().evaluate({"dependencies": [skipped("aiogram"), skipped("yarl")]}, False)
    assert status == 0
    assert "DEPENDENCY AUDIT NOT DONE" in "\n".join(lines) and "none of 2 packages" in lines[2]
    strict_status, _ = audit().evaluate({"dependencies": [skipped("aiogram")]}, True)
    assert strict_status == 3


def test_vulnerabilities_fail_and_are_named() -> None:
    report = {"dependencies": [
        {"name": "aiohttp", "version": "3.9.0", "vulns": [
            {"id": "GHSA-xxxx", "fix_versions": ["3.9.4"]}]},
        {"name": "yarl", "version": "1.0", "vulns": []},
    ]}  # fmt: skip
    status, lines = audit().evaluate(report, False)
    assert status == 1
    assert lines[0] == "VULNERABLE aiohttp 3.9.0: GHSA-xxxx (fixed in: 3.9.4)"


def test_a_clean_audit_names_the_packages_it_could_not_check(tmp_path: Path) -> None:
    report = {"dependencies": [{"name": "yarl", "version": "1.0", "vulns": []}, skipped("six")]}
    saved = tmp_path / "report.json"
    saved.write_text(json.dumps(report), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--from-json", str(saved)], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.splitlines() == [
        "dependency audit: 1 packages audited, no known vulnerabilities",
        "WARNING: 1 packages NOT audited: six",
    ]


FAKE_PIP_AUDIT = """
import json, re, sys
from pathlib import Path
args = sys.argv[1:]
Path(sys.argv[0]).with_name("argv.json").write_text(json.dumps(args))
locks = [args[i + 1] for i, arg in enumerate(args) if arg == "-r"]
text = "".join(Path(lock).read_text() for lock in locks)
version = re.search(r"^aiohttp==([^ ;]+)", text, re.M).group(1)
vuln = {"id": "GHSA-test", "fix_versions": ["99.0"]}
print(json.dumps({"dependencies": [{"name": "aiohttp", "version": version, "vulns": [vuln]}]}))
"""


def test_the_audit_reads_the_hashed_lock_files_ci_installs(tmp_path: Path) -> None:
    # A stand-in for pip-audit (tests never reach its database) that reports what it was given.
    fake = tmp_path / "pip_audit"
    fake.mkdir()
    (fake / "__init__.py").write_text("", encoding="utf-8")
    (fake / "__main__.py").write_text(FAKE_PIP_AUDIT, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, str(SCRIPT)],
        capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(tmp_path)},
    )  # fmt: skip
    args = json.loads((fake / "argv.json").read_text(encoding="utf-8"))
    root = SCRIPT.parents[1]
    locks = [args[i + 1] for i, arg in enumerate(args) if arg == "-r"]
    assert locks == [str(root / "requirements.lock"), str(root / "requirements-test.lock")]
    assert "--require-hashes" in args and "--local" not in args
    pinned = re.search(r"^aiohttp==([^ ;]+)", (root / "requirements.lock").read_text(), re.M)
    assert pinned is not None
    assert done.returncode == 1
    assert f"VULNERABLE aiohttp {pinned.group(1)}: GHSA-test (fixed in: 99.0)" in done.stdout
