"""`stadtstimme budget …` as an operator uses it: a process from YAML, projects and paper ballots
from CSV (a bad line refuses the file), codes, and results in text, CSV and Pabulib."""

from __future__ import annotations

import asyncio
import csv
import io
from pathlib import Path

from pabutools.election import Cost_Sat, parse_pabulib
from pabutools.rules import (
    completion_by_rule_combination,
    greedy_utilitarian_welfare,
    method_of_equal_shares,
)
from sqlalchemy import select

from bot.services.budget.codes import digest
from db.models import BudgetCode, BudgetProcess, StaffAudit
from db.session import create_engine, create_session_factory
from tests.conftest import sqlite_only
from tests.e2e.test_cli import cli, cli_here

YAML = """\
title: {de: "Bürgerhaushalt Hamborn 2027", tr: "Hamborn Katılımcı Bütçe 2027"}
district: city
budget: 1000
rule: mes
codes: false
support_threshold: 0
max_projects: null
proposals: {from: "2027-02-01 00:00", to: "2027-02-28 23:59"}
voting: {from: "2027-04-01 00:00", to: "2027-04-30 23:59"}
"""


def files(tmp_path: Path) -> None:
    (tmp_path / "budget.yaml").write_text(YAML, encoding="utf-8")
    rows = ["code,cost,district,title_de,description_de,title_tr"]
    rows += [
        f"{c}{n},100,Hamborn,Projekt {c}{n},Text,Proje {c}{n}" for c in "RB" for n in range(10)
    ]
    (tmp_path / "projects.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    # 51 voters want the ten red projects, 49 the ten blue ones (the MES papers' example).
    ballots = ["ballot,projects"]
    ballots += [f"{n},{' '.join(f'R{k}' for k in range(10))}" for n in range(1, 52)]
    ballots += [f"{n},{' '.join(f'B{k}' for k in range(10))}" for n in range(100, 149)]
    (tmp_path / "ballots.csv").write_text("\n".join(ballots) + "\n", encoding="utf-8")


def test_add_refuses_mistakes_one_line_each(database_url: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: {tr: x}\ndistrict: Berlin\nbudget: -5\nrule: knapsack\n", "utf-8")
    result = cli_here(database_url, "budget", "add", "--file", str(bad))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        "error: title: the German title (de) is required",
        "error: district: expected city or one of walsum, hamborn, meiderich-beeck, "
        "homberg-ruhrort-baerl, mitte, rheinhausen, sued, got 'Berlin'",
        "error: budget: expected a whole number of at least 1, got -5",
        "error: rule: expected mes or greedy, got 'knapsack'",
    ]


def test_the_whole_staff_side_of_a_process(database_url: str, tmp_path: Path) -> None:
    files(tmp_path)
    added = cli(database_url, "budget", "add", "--file", str(tmp_path / "budget.yaml"))
    assert added.returncode == 0, added.stderr
    process = added.stdout.strip()
    assert process.isdigit()
    imported = cli_here(
        database_url,
        "budget",
        "projects",
        "import",
        process,
        "--file",
        str(tmp_path / "projects.csv"),
    )
    assert imported.stdout.strip() == f"budget process {process}: 20 projects added, 0 updated"
    listing = cli_here(database_url, "budget", "projects", process).stdout
    first = next(line for line in listing.splitlines() if "B0" in line)
    assert first.split("│")[1].strip() == "B0" and "Projekt B0" in first  # code first

    early = cli_here(
        database_url,
        "budget",
        "ballots",
        "import",
        process,
        "--file",
        str(tmp_path / "ballots.csv"),
    )
    assert early.returncode == 2 and "is in draft, not voting" in early.stderr
    assert cli_here(database_url, "budget", "phase", process, "voting").returncode == 0

    bad = tmp_path / "bad.csv"
    bad.write_text("ballot,projects\n1,R1 R2\n2,R1 X9\n3,R0 R1 R2 R3 R4 R5 R6 R7 R8 R9 B1\n")
    refused = cli_here(database_url, "budget", "ballots", "import", process, "--file", str(bad))
    assert refused.returncode == 2
    assert refused.stderr.splitlines() == [
        "error: line 3: ballot 2 names unknown projects: X9",
        "error: line 4: ballot 3 costs 1,100 €, over the budget of 1,000 €",
        f"error: 2 refused lines — nothing imported from {bad}",
    ]
    for _twice in range(2):  # the same file again replaces its ballots, it does not add them
        counted = cli_here(
            database_url,
            "budget",
            "ballots",
            "import",
            process,
            "--file",
            str(tmp_path / "ballots.csv"),
        )
        assert counted.stdout.strip() == f"budget process {process}: 100 paper ballots imported"

    rows = {}
    for rule in ("mes", "greedy"):
        out = cli_here(
            database_url, "budget", "results", process, "--rule", rule, "--format", "csv"
        )
        assert out.returncode == 0, out.stderr
        rows[rule] = {row["code"]: row for row in csv.DictReader(io.StringIO(out.stdout))}
    funded = {
        rule: sorted(c for c, r in found.items() if r["funded"] == "yes")
        for rule, found in rows.items()
    }
    assert funded["mes"] == ["B0", "B1", "B2", "B3", "B4", "R0", "R1", "R2", "R3", "R4"]
    assert funded["greedy"] == [f"R{n}" for n in range(10)]
    assert rows["mes"]["B5"] == {
        "code": "B5", "cost": "100", "votes": "49", "funded": "no",
        "explanation": "did not fit the remaining 0 €",  # nothing was left after MES
    }  # fmt: skip
    assert rows["greedy"]["B0"]["explanation"] == "did not fit the remaining 0 €"

    png = tmp_path / "result.png"
    drawn = cli_here(
        database_url, "budget", "results", process, "--format", "png", "--out", str(png)
    )
    assert drawn.returncode == 0, drawn.stderr
    assert png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")  # the chart voters get

    pb = tmp_path / "result.pb"
    assert (
        cli_here(
            database_url, "budget", "results", process, "--format", "pb", "--out", str(pb)
        ).returncode
        == 0
    )
    instance, profile = parse_pabulib(str(pb))
    assert instance.budget_limit == 1000 and profile.num_ballots() == 100
    theirs = completion_by_rule_combination(
        instance, profile, [method_of_equal_shares, greedy_utilitarian_welfare],
        [{"sat_class": Cost_Sat, "voter_budget_increment": 1}, {"sat_class": Cost_Sat}],
    )  # fmt: skip
    assert sorted(p.name for p in theirs) == funded["mes"]

    asyncio.run(_use_codes(database_url, int(process)))
    codes_file = tmp_path / "codes.csv"
    made = cli_here(
        database_url, "budget", "codes", process, "--count", "5", "--out", str(codes_file)
    )
    assert made.returncode == 0, made.stderr
    printed = [row["code"] for row in csv.DictReader(io.StringIO(codes_file.read_text()))]
    assert len(set(printed)) == 5
    stored, actions = asyncio.run(_codes_and_audit(database_url))
    assert stored == sorted(digest(code) for code in printed)  # only the hashes are kept
    assert actions == [
        "budget.create", "budget.projects_import", "budget.phase", "budget.ballots_import",
        "budget.ballots_import", "export.budget_results", "export.budget_results",
        "export.budget_results", "export.budget_results", "budget.codes",
    ]  # fmt: skip


async def _use_codes(database_url: str, process_id: int) -> None:
    """Switch codes on directly (the shared budget.yaml has codes: false)."""
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            process = await session.get(BudgetProcess, process_id)
            assert process is not None
            process.codes = True
            await session.commit()
    finally:
        await engine.dispose()


async def _eligibility(database_url: str, process_id: int) -> tuple[object, ...]:
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            process = await session.get(BudgetProcess, process_id)
            assert process is not None
            return process.district, process.codes, process.min_age
    finally:
        await engine.dispose()


@sqlite_only
def test_add_takes_a_district_codes_and_a_minimum_age(database_url: str, tmp_path: Path) -> None:
    """The chat vote asks for each (tests/flow/test_budget_cycle.py), so budget.yaml takes them."""
    checked = YAML.replace("district: city", "district: Hamborn").replace(
        "codes: false", "codes: true\nmin_age: 14"
    )
    (tmp_path / "budget.yaml").write_text(checked, encoding="utf-8")
    result = cli_here(database_url, "budget", "add", "--file", str(tmp_path / "budget.yaml"))
    assert result.returncode == 0, result.stderr
    stored = asyncio.run(_eligibility(database_url, int(result.stdout)))
    assert stored == ("hamborn", True, 14)


def test_phases_only_move_forward_and_paper_only_while_voting(
    database_url: str, tmp_path: Path
) -> None:
    files(tmp_path)
    process = cli_here(database_url, "budget", "add", "--file", str(tmp_path / "budget.yaml"))
    assert process.returncode == 0, process.stderr
    pid = process.stdout.strip()
    projects_csv = str(tmp_path / "projects.csv")
    imported = cli_here(database_url, "budget", "projects", "import", pid, "--file", projects_csv)
    assert imported.returncode == 0, imported.stderr
    assert cli_here(database_url, "budget", "phase", pid, "voting").returncode == 0
    ballots_csv = str(tmp_path / "ballots.csv")
    counted = cli_here(database_url, "budget", "ballots", "import", pid, "--file", ballots_csv)
    assert counted.returncode == 0, counted.stderr
    forward = "phases only move forward (draft → proposals → review → voting → closed)"
    back = cli_here(database_url, "budget", "phase", pid, "review")
    assert (back.returncode, back.stderr.strip()) == (
        2, f"error: budget process {pid} is in voting: {forward}",
    )  # fmt: skip
    assert cli_here(database_url, "budget", "phase", pid, "closed").returncode == 0
    late = cli_here(database_url, "budget", "ballots", "import", pid, "--file", ballots_csv)
    assert (late.returncode, late.stderr.strip()) == (
        2, f"error: budget process {pid} is in closed, not voting",
    )  # fmt: skip
    reopened = cli_here(database_url, "budget", "phase", pid, "voting")
    assert (reopened.returncode, reopened.stderr.strip()) == (
        2, f"error: budget process {pid} is in closed: {forward}",
    )  # fmt: skip
    listing = cli_here(database_url, "budget", "results", pid, "--format", "csv").stdout
    assert len(list(csv.DictReader(io.StringIO(listing)))) == 20  # still the counted result


def test_codes_into_a_missing_folder_store_nothing(database_url: str, tmp_path: Path) -> None:
    files(tmp_path)
    process = cli_here(database_url, "budget", "add", "--file", str(tmp_path / "budget.yaml"))
    pid = process.stdout.strip()
    asyncio.run(_use_codes(database_url, int(pid)))
    out = tmp_path / "missing" / "codes.csv"
    made = cli_here(database_url, "budget", "codes", pid, "--count", "3", "--out", str(out))
    assert made.returncode == 2
    assert made.stderr.strip() == (
        f"error: cannot write {out}: No such file or directory — no codes stored"
    )
    stored, actions = asyncio.run(_codes_and_audit(database_url))
    assert stored == [] and "budget.codes" not in actions


async def _codes_and_audit(database_url: str) -> tuple[list[str], list[str]]:
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            codes = sorted(await session.scalars(select(BudgetCode.digest)))
            rows = await session.scalars(
                select(StaffAudit.action)
                .where(StaffAudit.target.like("budget:%"))
                .order_by(StaffAudit.id)
            )
            return codes, list(rows)
    finally:
        await engine.dispose()
