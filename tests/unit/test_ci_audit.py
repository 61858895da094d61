"""The CI's dependency audit never passes silently when pip-audit could look nothing up."""

from __future__ import annotations

import importlib.util
import json
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
