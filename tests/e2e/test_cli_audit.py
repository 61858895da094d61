"""Every CLI command that changes state as staff, or hands data out, writes an audit entry.

The command tree is walked: a new command must be listed here, either as read-only (with the
reason) or with a run that proves its audit entry. Commands run in-process on a fresh database.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import typer.main
from typer.testing import CliRunner

from bot.cli import command_tree
from bot.services.audit import CLI_OPERATOR, AuditAction
from tests.e2e.audit_support import RESIDENT_ID, STAFF_ID, entries, files, seed
from tests.e2e.test_cli import POLL_SECRET, TOKEN

READ_ONLY = {
    ("run",): "runs the bot; its staff actions are covered by tests/flow/test_staff_audit.py",
    ("sender",): "only sends what is already queued (and audited when it was queued)",
    ("sandbox",): "a local demo with a fake Telegram, never the shared database",
    ("db", "upgrade"): "schema migrations: no staff decision, no data leaves",
    ("db", "backup"): "the operator's disaster-recovery copy on the server (docs/OPERATIONS.md)",
    ("db", "restore"): "the operator's disaster recovery, refused while a bot runs",
    ("db", "copy"): "the operator's move to another database; the audit log moves with it",
    ("db", "reapply-erasures"): "disaster recovery: repeats erasures audited when first done",
    ("i18n", "extract"): "writes translation catalogs in the source tree, not the database",
    ("i18n", "update"): "writes translation catalogs in the source tree, not the database",
    ("i18n", "compile"): "writes translation catalogs in the source tree, not the database",
    ("i18n", "isolate"): "writes translation catalogs in the source tree, not the database",
    ("i18n", "check"): "reads translation catalogs",
    ("i18n", "du-stamp"): "writes the du catalog in the source tree, not the database",
    ("audit",): "reads the audit log itself",
    ("budget", "proposals"): "lists proposals: numbers, statuses, support counts",
    ("campaigns", "list"): "reads campaign counts",
    ("campaigns", "show"): "reads one campaign",
    ("campaigns", "follow"): "watches sending that `announce` queued (audited there)",
    ("ideas", "list"): "shows the staff view of ideas on screen, as the staff chat does",
    ("info", "list"): "reads page titles",
    ("meetings", "list"): "reads meetings",
    ("meetings", "attendees"): "counts only, no names are stored",
    ("meetings", "qr"): "draws the public poster link",
    ("polls", "list"): "reads polls",
    ("staff", "list"): "reads roles",
    ("volunteer", "list"): "reads volunteering opportunities",
    ("volunteer", "orgs", "list"): "reads organisations",
}

# command -> (its arguments given the seeded ids and the files, the entries it must write)
Args = Callable[[dict[str, int], dict[str, str]], list[str]]
_later = (datetime.now(ZoneInfo("Europe/Berlin")) + timedelta(days=2)).strftime("%Y-%m-%d %H:%M")
AUDITED: dict[tuple[str, ...], tuple[Args, list[AuditAction]]] = {
    ("announce",): (
        lambda ids, f: [
            "announce",
            "--text-file",
            f["page.html"],
            "--at",
            _later,
            "--yes",
            "--detach",
        ],
        [AuditAction.ANNOUNCEMENT_CREATE],
    ),
    ("budget", "add"): (
        lambda ids, f: ["budget", "add", "--file", f["budget.yaml"]],
        [AuditAction.BUDGET_CREATE],
    ),
    ("budget", "phase"): (
        lambda ids, f: ["budget", "phase", str(ids["budget_voting"]), "closed"],
        [AuditAction.BUDGET_PHASE],
    ),
    # `budget projects ID` only lists; the import is what this command path changes.
    ("budget", "projects"): (
        lambda ids, f: [
            "budget",
            "projects",
            "import",
            str(ids["budget_draft"]),
            "--file",
            f["projects.csv"],
        ],
        [AuditAction.BUDGET_PROJECTS_IMPORT],
    ),
    ("budget", "codes"): (
        lambda ids, f: [
            "budget",
            "codes",
            str(ids["budget_voting"]),
            "--count",
            "2",
            "--out",
            str(Path(f["page.html"]).with_name("codes.csv")),
        ],
        [AuditAction.BUDGET_CODES],
    ),
    ("budget", "ballots", "import"): (
        lambda ids, f: [
            "budget",
            "ballots",
            "import",
            str(ids["budget_voting"]),
            "--file",
            f["ballots.csv"],
        ],
        [AuditAction.BUDGET_BALLOTS_IMPORT],
    ),
    ("budget", "review"): (
        lambda ids, f: [
            "budget",
            "review",
            str(ids["budget_proposal"]),
            "--not-feasible",
            "Zu teuer.",
        ],
        [AuditAction.BUDGET_PROPOSAL_NOT_FEASIBLE],
    ),
    ("budget", "results"): (
        lambda ids, f: ["budget", "results", str(ids["budget_voting"]), "--format", "csv"],
        [AuditAction.EXPORT_BUDGET_RESULTS],
    ),
    ("budget", "update"): (
        lambda ids, f: [
            "budget",
            "update",
            str(ids["budget_voting"]),
            "M-02",
            "--status",
            "in_progress",
            "--text-de",
            "Die Arbeiten haben begonnen.",
        ],
        [AuditAction.BUDGET_UPDATE],
    ),
    ("campaigns", "cancel"): (
        lambda ids, f: ["campaigns", "cancel", str(ids["campaign"])],
        [AuditAction.ANNOUNCEMENT_CANCEL],
    ),
    ("dashboard", "link"): (
        lambda ids, f: ["dashboard", "link", str(STAFF_ID)],
        [AuditAction.DASHBOARD_LINK],
    ),
    ("ideas", "export"): (lambda ids, f: ["ideas", "export"], [AuditAction.EXPORT_IDEAS]),
    ("info", "set"): (
        lambda ids, f: [
            "info",
            "set",
            "youth",
            "--lang",
            "de",
            "--file",
            f["page.html"],
            "--title",
            "Jugend",
        ],
        [AuditAction.INFO_EDIT],
    ),
    ("meetings", "add"): (
        lambda ids, f: ["meetings", "add", "--file", f["meeting.yaml"]],
        [AuditAction.MEETING_CREATE, AuditAction.MEETING_PUBLISH],
    ),
    ("meetings", "import"): (
        lambda ids, f: ["meetings", "import", f["calendar.ics"], "--draft"],
        [AuditAction.MEETING_CREATE, AuditAction.MEETING_CREATE],
    ),
    ("meetings", "edit"): (
        lambda ids, f: ["meetings", "edit", str(ids["meeting"]), "--title", "de=Forum Nord"],
        [AuditAction.MEETING_TITLE],
    ),
    ("polls", "add"): (
        lambda ids, f: ["polls", "add", "--file", f["poll.yaml"]],
        [AuditAction.POLL_CREATE],
    ),
    ("polls", "close"): (
        lambda ids, f: ["polls", "close", str(ids["poll"]), "--push-results"],
        [AuditAction.POLL_CLOSE_PUSH],
    ),
    ("polls", "rekey"): (lambda ids, f: ["polls", "rekey"], [AuditAction.POLL_REKEY]),
    ("polls", "results"): (
        lambda ids, f: ["polls", "results", str(ids["poll"]), "--format", "csv"],
        [AuditAction.EXPORT_POLL_RESULTS],
    ),
    ("staff", "add"): (
        lambda ids, f: ["staff", "add", "556", "moderator"],
        [AuditAction.STAFF_ADD],
    ),
    ("staff", "remove"): (
        lambda ids, f: ["staff", "remove", str(STAFF_ID)],
        [AuditAction.STAFF_REMOVE],
    ),
    ("volunteer", "add"): (
        lambda ids, f: ["volunteer", "add", "--file", f["opportunity.yaml"]],
        [AuditAction.VOLUNTEER_PUBLISH],
    ),
    ("volunteer", "close"): (
        lambda ids, f: ["volunteer", "close", str(ids["opportunity"])],
        [AuditAction.VOLUNTEER_CLOSE],
    ),
    ("volunteer", "export"): (
        lambda ids, f: ["volunteer", "export", "--format", "csv"],
        [AuditAction.EXPORT_VOLUNTEERING],
    ),
    ("volunteer", "orgs", "add"): (
        lambda ids, f: ["volunteer", "orgs", "add", "--name", "Tafel Duisburg"],
        [AuditAction.VOLUNTEER_ORG_ADD],
    ),
    ("volunteer", "orgs", "remove"): (
        lambda ids, f: ["volunteer", "orgs", "remove", str(ids["org"])],
        [AuditAction.VOLUNTEER_ORG_REMOVE],
    ),
    ("users", "delete"): (
        lambda ids, f: ["users", "delete", str(RESIDENT_ID)],
        [AuditAction.USER_DELETE],
    ),
}


def command_paths(command: object, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every runnable command of the tree, as the words an operator types."""
    subcommands = getattr(command, "commands", None)
    if subcommands is None:
        return [path]
    return [
        found for name, sub in subcommands.items() for found in command_paths(sub, (*path, name))
    ]


def test_every_command_is_read_only_or_proves_its_audit_entry() -> None:
    commands = set(command_paths(typer.main.get_command(command_tree())))
    unlisted = commands - READ_ONLY.keys() - AUDITED.keys()
    assert not unlisted, f"say whether these commands are audited: {sorted(unlisted)}"
    assert not READ_ONLY.keys() & AUDITED.keys()
    assert READ_ONLY.keys() | AUDITED.keys() <= commands, "a listed command no longer exists"


@pytest.mark.parametrize("command", sorted(AUDITED), ids=" ".join)
def test_command_writes_its_audit_entry(
    command: tuple[str, ...], database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("BOT_TOKEN", TOKEN)
    monkeypatch.setenv("POLL_SECRET", POLL_SECRET)  # required with a token
    monkeypatch.chdir(tmp_path)  # no .env of the developer's is read
    ids = asyncio.run(seed(database_url))
    before = len(asyncio.run(entries(database_url)))
    arguments, expected = AUDITED[command]
    result = CliRunner().invoke(command_tree(), arguments(ids, files(tmp_path)))
    assert result.exit_code == 0, result.output
    new = asyncio.run(entries(database_url))[before:]
    assert [(entry.actor, entry.action) for entry in new] == [
        (CLI_OPERATOR, action.value) for action in expected
    ]
