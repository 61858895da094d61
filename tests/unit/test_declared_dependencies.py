"""Every third-party package the shipped code imports is declared in pyproject.toml.

A package that only arrives as somebody else's dependency works on a developer's machine and
breaks a clean install the day that dependency drops it (the dashboard's jinja2 did exactly
that: a fresh CI install lacked it and the sandbox exited at start-up).
"""

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ("bot", "db", "handlers")


def _normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = (re.split(r"[\[<>=!~ ;]", spec, maxsplit=1)[0] for spec in project["dependencies"])
    return {_normalised(name) for name in names}


def _imported_top_levels() -> dict[str, str]:
    """Top-level module → one file importing it, for absolute imports outside the project."""
    found: dict[str, str] = {}
    for package in SHIPPED:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Import):
                    names = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    names = [node.module]
                else:
                    continue
                for name in names:
                    top = name.split(".")[0]
                    if top not in SHIPPED and top not in sys.stdlib_module_names:
                        found.setdefault(top, str(path.relative_to(ROOT)))
    return found


def test_every_imported_package_is_a_declared_runtime_dependency() -> None:
    distributions = importlib.metadata.packages_distributions()
    declared = _declared()
    undeclared = [
        f"{module} (imported in {path}; distribution {distributions.get(module, ['?'])})"
        for module, path in sorted(_imported_top_levels().items())
        if not {_normalised(d) for d in distributions.get(module, [])} & declared
    ]
    hint = "add to [project] dependencies and run .ci/lock: "
    assert not undeclared, hint + "; ".join(undeclared)
