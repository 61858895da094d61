"""`stadtstimme staff add|remove|list` and `stadtstimme audit [--since]` for operators."""

from __future__ import annotations

from tests.e2e.test_cli import cli, real_cli


def test_staff_changes_are_listed_and_audited(database_url: str) -> None:
    added = real_cli(database_url, "staff", "add", "4242", "editor")
    assert added.returncode == 0 and added.stdout.strip() == "4242 is now editor", added.stderr
    changed = cli(database_url, "staff", "add", "4242", "moderator")
    assert changed.stdout.strip() == "4242: editor → moderator"
    listed = cli(database_url, "staff", "list")
    assert "4242" in listed.stdout and "moderator" in listed.stdout
    assert "1 staff members" in listed.stdout
    removed = cli(database_url, "staff", "remove", "4242")
    assert removed.stdout.strip() == "4242 is no longer moderator"
    again = cli(database_url, "staff", "remove", "4242")
    assert again.returncode == 1 and "not a staff member" in again.stderr

    log = cli(database_url, "audit")
    assert log.returncode == 0, log.stderr
    assert "3 entries" in log.stdout
    for action in ("staff.add", "staff.role", "staff.remove"):
        assert action in log.stdout
    assert "CLI operator" in log.stdout and '{"role": "editor"}' in log.stdout
    assert "0 entries" in cli(database_url, "audit", "--since", "2999-01-01").stdout


def test_wrong_input_is_one_line(database_url: str) -> None:
    role = cli(database_url, "staff", "add", "4242", "boss")
    assert role.returncode == 2 and "expected one of admin, editor, moderator" in role.stderr
    since = cli(database_url, "audit", "--since", "yesterday")
    assert since.returncode == 2 and "--since" in since.stderr
    assert "Traceback" not in role.stderr + since.stderr
