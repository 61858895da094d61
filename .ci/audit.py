"""Dependency audit for CI: pip-audit over the hashed lock files, with an honest summary.

The lock files are what CI and deployments install (`pip install --require-hashes -r …`), so
their exact pins are what is audited: requirements.lock (runtime) and requirements-test.lock.

pip-audit reports "No known vulnerabilities found" and exits 0 even when it could not look a
single package up (no access to its vulnerability database). This script says so loudly:

  exit 1  known vulnerabilities (listed)
  exit 0  audited, nothing known; or NOT AUDITED (database unreachable) with a clear banner —
          set AUDIT_STRICT=1 to make that exit 3 instead
  --from-json FILE  evaluate a saved `pip-audit -f json` report (tests, offline)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

NOT_AUDITED = 3
ROOT = Path(__file__).resolve().parents[1]
LOCKS = ("requirements.lock", "requirements-test.lock")


def run_pip_audit() -> dict[str, Any] | str:
    """The JSON report over the lock files, or why pip-audit gave none."""
    # --disable-pip: the pins are complete and hashed, nothing to resolve or install.
    command = [sys.executable, "-m", "pip_audit", "--require-hashes", "--disable-pip", "-f", "json",
               "--progress-spinner", "off"]  # fmt: skip
    for lock in LOCKS:
        command += ["-r", str(ROOT / lock)]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=600)  # noqa: S603
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"pip-audit did not run: {error}"
    try:
        report: dict[str, Any] = json.loads(done.stdout)
    except ValueError:
        last = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return f"pip-audit failed (exit {done.returncode}): {last}"
    return report


def evaluate(report: dict[str, Any] | str, strict: bool) -> tuple[int, list[str]]:
    """Exit status and the lines to print."""
    if isinstance(report, str):
        return (NOT_AUDITED if strict else 0), banner(report)
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    audited = len(dependencies) - len(skipped)
    lines = []
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fix yet"
            lines.append(f"VULNERABLE {dependency['name']} {dependency.get('version', '')}: "
                         f"{vuln.get('id')} (fixed in: {fixes})")  # fmt: skip
    if vulnerable:
        return 1, [*lines, f"dependency audit: {len(vulnerable)} vulnerable package(s)"]
    if audited == 0:
        reason = f"none of {len(dependencies)} packages could be looked up"
        if skipped:
            reason += f" (e.g. {skipped[0]['skip_reason']})"
        return (NOT_AUDITED if strict else 0), banner(reason)
    lines.append(f"dependency audit: {audited} packages audited, no known vulnerabilities")
    if skipped:
        names = ", ".join(d["name"] for d in skipped)
        lines.append(f"WARNING: {len(skipped)} packages NOT audited: {names}")
    return 0, lines


def banner(reason: str) -> list[str]:
    """The loud message for an audit that did not happen."""
    return [
        "=" * 72,
        "DEPENDENCY AUDIT NOT DONE: pip-audit could not reach its vulnerability database.",
        reason,
        "Run `python .ci/audit.py` on a machine with access to PyPI or OSV before a release.",
        "=" * 72,
    ]


def main() -> int:
    """Run or read the report, print the summary, return the exit status."""
    if len(sys.argv) == 3 and sys.argv[1] == "--from-json":
        with open(sys.argv[2], encoding="utf-8") as file:
            report: dict[str, Any] | str = json.load(file)
    else:
        report = run_pip_audit()
    status, lines = evaluate(report, strict=os.environ.get("AUDIT_STRICT") == "1")
    print("\n".join(lines))
    return status


if __name__ == "__main__":
    sys.exit(main())
