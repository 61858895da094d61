"""budget.yaml → a checked process description; every problem is one clear line.

title: {de: "Bürgerhaushalt Hamborn 2027", tr: "…"}
district: city               # or a Stadtbezirk: voters declare they live there
budget: 500000               # whole euros
rule: mes                    # mes (default) | greedy
min_age: null                # voters confirm they are at least this old
codes: false                 # true: a one-time voting code (one code = one ballot)
support_threshold: 0         # supports a proposal needs for review (0 = all)
max_projects: null           # optional
proposals: {from: "2027-02-01 00:00", to: "2027-02-28 23:59"}   # Europe/Berlin
voting: {from: "2027-04-01 00:00", to: "2027-04-30 23:59"}
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import yaml

from bot.config import LANGUAGES
from bot.services.profile import DISTRICTS
from db.models import BudgetRule

CITY = "city"
KEYS = {
    "title", "district", "budget", "rule", "min_age", "codes", "support_threshold",
    "max_projects", "proposals", "voting",
}  # fmt: skip
PLACES = tuple(d for d in DISTRICTS if d not in ("outside", "undisclosed"))
TIME_FORMAT = "%Y-%m-%d %H:%M"
TITLE_MAX = 200


@dataclass(frozen=True)
class ProcessSpec:
    """A valid process: times in UTC, district None for the whole city."""

    title: dict[str, str]
    district: str | None
    budget: int
    rule: BudgetRule
    min_age: int | None
    codes: bool
    support_threshold: int
    max_projects: int | None
    proposals: tuple[datetime, datetime] | None
    voting: tuple[datetime, datetime] | None


def district_code(value: str) -> str:
    """'Homberg / Ruhrort / Baerl', 'SÜD', 'meiderich-beeck' → the stored code form."""
    folded = value.strip().casefold().replace("ü", "ue")
    return re.sub(r"[\s/_-]+", "-", folded).strip("-")


def _whole(data: dict[str, Any], key: str, errors: list[str], *, least: int) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        errors.append(f"{key}: expected a whole number of at least {least}, got {value!r}")
        return None
    return value


def _title(value: object, errors: list[str]) -> dict[str, str]:
    if not isinstance(value, dict) or not all(isinstance(t, str) for t in value.values()):
        errors.append("title: expected one text per language, e.g. {de: …, tr: …}")
        return {}
    title = {str(language): text.strip() for language, text in value.items()}
    for language, text in title.items():
        if language not in LANGUAGES:
            errors.append(f"title: unknown language {language!r} (expected {', '.join(LANGUAGES)})")
        elif not text or len(text) > TITLE_MAX:
            errors.append(f"title.{language}: expected 1–{TITLE_MAX} characters")
    if not title.get("de"):
        errors.append("title: the German title (de) is required")
    return title


def _district(value: object, errors: list[str]) -> str | None:
    code = district_code(str(value)) if isinstance(value, str) else ""
    if code == CITY:
        return None
    if code not in PLACES:
        errors.append(f"district: expected city or one of {', '.join(PLACES)}, got {value!r}")
    return code


def _period(data: dict[str, Any], key: str, zone: ZoneInfo, errors: list[str]) -> Any:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"from", "to"}:
        errors.append(f'{key}: expected {{from: "YYYY-MM-DD HH:MM", to: "YYYY-MM-DD HH:MM"}}')
        return None
    moments = []
    for end in ("from", "to"):
        try:
            local = datetime.strptime(str(value[end]), TIME_FORMAT)
        except ValueError:
            errors.append(f"{key}.{end}: expected YYYY-MM-DD HH:MM, got {str(value[end])!r}")
            return None
        moments.append(local.replace(tzinfo=zone).astimezone(UTC))
    if moments[1] <= moments[0]:
        errors.append(f"{key}: 'to' must be after 'from'")
        return None
    return moments[0], moments[1]


def parse(text: str, zone: ZoneInfo) -> ProcessSpec | list[str]:
    """The process, or the list of problems (one line each)."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        return [f"not valid YAML: {str(error).splitlines()[0]}"]
    if not isinstance(data, dict):
        return ["expected keys such as title, district, budget (see README)"]
    errors = [f"{key}: unknown key" for key in sorted(set(map(str, data)) - KEYS)]
    title = _title(data.get("title"), errors)
    district = _district(data.get("district"), errors)
    if data.get("budget") is None:
        errors.append("budget: required (whole euros)")
    budget = _whole(data, "budget", errors, least=1)
    rule = str(data.get("rule", BudgetRule.MES))
    if rule not in BudgetRule.__members__.values():
        errors.append(f"rule: expected mes or greedy, got {rule!r}")
    codes = data.get("codes", False)
    if not isinstance(codes, bool):
        errors.append(f"codes: expected true or false, got {codes!r}")
    min_age = _whole(data, "min_age", errors, least=1)
    threshold = _whole(data, "support_threshold", errors, least=0)
    max_projects = _whole(data, "max_projects", errors, least=1)
    proposals = _period(data, "proposals", zone, errors)
    voting = _period(data, "voting", zone, errors)
    if proposals and voting and voting[0] < proposals[1]:
        errors.append("voting: must start after the proposals end")
    if errors or budget is None:
        return errors
    return ProcessSpec(
        title=title, district=district, budget=budget, rule=BudgetRule(rule), min_age=min_age,
        codes=codes, support_threshold=threshold or 0, max_projects=max_projects,
        proposals=proposals, voting=voting,
    )  # fmt: skip
