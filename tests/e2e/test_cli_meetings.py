"""`stadtstimme meetings add|import|list|attendees|qr` as an operator runs them."""

from __future__ import annotations

from pathlib import Path

import zxingcpp
from PIL import Image

from tests.conftest import sqlite_only
from tests.e2e.test_cli import cli, cli_here, real_cli

YEAR = 2031  # in the future for as long as this code lives
MEETING_YAML = f"""\
title: {{de: "Bürgerforum Hamborn", tr: "Hamborn Vatandaş Forumu"}}
description: {{de: "Radwege im Norden"}}
district: Hamborn
venue: "Rathaus Hamborn"
address: "Duisburger Str. 213, 47166 Duisburg"
starts: "{YEAR}-03-30 18:00"
ends: "{YEAR}-03-30 20:00"
capacity: 40
location: [51.49, 6.77]
accessibility: {{de: "Stufenloser Zugang"}}
"""
CALENDAR = f"""\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Test//EN
BEGIN:VEVENT
UID:forum-sued-1@example.org
SUMMARY:Bürgerforum Süd
DTSTART;TZID=Europe/Berlin:{YEAR}1105T180000
DTEND;TZID=Europe/Berlin:{YEAR}1105T200000
LOCATION:Bezirksamt Süd, Sittardsberger Allee 14, 47249 Duisburg
DESCRIPTION:Spielplätze und Schulwege
END:VEVENT
BEGIN:VEVENT
UID:forum-mitte-utc@example.org
SUMMARY:Bürgerforum Mitte
DTSTART:{YEAR}1201T170000Z
DTEND:{YEAR}1201T190000Z
LOCATION:Rathaus, Burgplatz 19, 47051 Duisburg
END:VEVENT
END:VCALENDAR
"""


def test_add_list_attendees_and_qr(database_url: str, tmp_path: Path) -> None:
    (tmp_path / "meeting.yaml").write_text(MEETING_YAML, encoding="utf-8")
    added = real_cli(database_url, "meetings", "add", "--file", "meeting.yaml", cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    meeting_id = added.stdout.split("\t")[0]
    assert f"start=m{meeting_id}" in added.stdout

    listing = cli(database_url, "meetings", "list")
    (line,) = listing.stdout.splitlines()
    assert line.startswith(f"{meeting_id}\t{YEAR}-03-30 18:00\tpublished\thamborn\t0/40")
    assert line.endswith("Bürgerforum Hamborn")

    counts = cli(database_url, "meetings", "attendees", meeting_id)
    assert counts.stdout.splitlines()[:2] == ["registered: 0", "waiting: 0"]

    made = cli(database_url, "meetings", "qr", meeting_id, cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    assert made.stdout.strip() == f"meeting-{meeting_id}-qr.png"
    (code,) = zxingcpp.read_barcodes(Image.open(tmp_path / made.stdout.strip()))
    assert code.text == f"https://t.me/StadtstimmeBot?start=m{meeting_id}"
    other = cli(database_url, "meetings", "qr", meeting_id, "--out", str(tmp_path / "p.png"))
    assert other.stdout.strip() == str(tmp_path / "p.png") and (tmp_path / "p.png").exists()
    assert cli(database_url, "meetings", "qr", "999").returncode == 2


@sqlite_only
def test_bad_yaml_names_the_line_or_field(database_url: str, tmp_path: Path) -> None:
    cases = {
        "title: x\n  bad: [\n": "line 2",
        MEETING_YAML.replace("capacity: 40", "capacity: 0"): "capacity",
    }
    for number, (text, expected) in enumerate(cases.items()):
        path = tmp_path / f"bad{number}.yaml"
        path.write_text(text, encoding="utf-8")
        result = cli_here(database_url, "meetings", "add", "--file", str(path))
        assert result.returncode == 2, text
        assert expected in result.stderr and "Traceback" not in result.stderr, result.stderr
    listing = cli_here(database_url, "meetings", "list")
    assert listing.stdout == ""


def test_import_calendar_once(database_url: str, tmp_path: Path) -> None:
    (tmp_path / "forums.ics").write_text(CALENDAR, encoding="utf-8")
    first = cli(
        database_url, "meetings", "import", str(tmp_path / "forums.ics"), "--district", "Süd"
    )
    assert first.returncode == 0, first.stderr
    assert len(first.stdout.splitlines()) == 2
    again = cli(database_url, "meetings", "import", str(tmp_path / "forums.ics"))
    assert again.stdout.count("already imported") == 2
    lines = cli(database_url, "meetings", "list").stdout.splitlines()
    assert [line.split("\t")[1] for line in lines] == [f"{YEAR}-11-05 18:00", f"{YEAR}-12-01 18:00"]
    assert "sued" in lines[0] and "Bürgerforum Süd" in lines[0]

    (tmp_path / "broken.ics").write_text("BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\n", "utf-8")
    broken = cli(database_url, "meetings", "import", str(tmp_path / "broken.ics"))
    assert broken.returncode == 2 and "broken.ics" in broken.stderr
    assert "Traceback" not in broken.stderr
    no_start = CALENDAR.replace(f"DTSTART:{YEAR}1201T170000Z\n", "")
    (tmp_path / "nostart.ics").write_text(no_start, "utf-8")
    missing = cli(database_url, "meetings", "import", str(tmp_path / "nostart.ics"))
    assert missing.returncode == 2
    where = tmp_path / "nostart.ics"
    assert missing.stderr == f'error: {where}: event 2 ("Bürgerforum Mitte"): DTSTART: missing\n'


LATIN_1 = CALENDAR.encode("latin-1")  # "Bürgerforum" as Windows editors save it
HOSTILE = {
    "broken.ics": (
        CALENDAR.replace(f"DTSTART:{YEAR}1201T170000Z", "DTSTART:2031xx01T170000Z"),
        'event 2 ("Bürgerforum Mitte"): DTSTART: Wrong datetime format: 2031xx01T170000Z',
    ),
    "period.ics": (
        CALENDAR.replace("Z\nDTEND", f"Z/{YEAR}1201T190000Z\nDTEND"),
        'event 2 ("Bürgerforum Mitte"): DTSTART: a PERIOD is not supported (give DTSTART and '
        "DTEND)",
    ),
    "twice.ics": (
        CALENDAR.replace("SUMMARY:Bürgerforum Mitte", "SUMMARY:A\nSUMMARY:B"),
        "event 2: SUMMARY: given 2 times (expected once)",
    ),
    "mars.ics": (
        CALENDAR.replace(f"DTSTART:{YEAR}1201T170000Z", f"DTSTART;TZID=Mars:{YEAR}1201T170000"),
        'event 2 ("Bürgerforum Mitte"): DTSTART: unknown time zone "Mars"',
    ),
    "latin1.ics": (CALENDAR, f"not UTF-8 text (byte 0xfc at offset {LATIN_1.index(0xFC)})"),
}


@sqlite_only
def test_import_refuses_a_hostile_calendar_whole(database_url: str, tmp_path: Path) -> None:
    for name, (text, expected) in HOSTILE.items():
        encoding = "latin-1" if name == "latin1.ics" else "utf-8"
        (tmp_path / name).write_bytes(text.encode(encoding))
        result = cli_here(database_url, "meetings", "import", name, cwd=tmp_path)
        assert (result.returncode, result.stderr) == (2, f"error: {name}: {expected}\n"), name
        assert result.stdout == ""
    assert cli_here(database_url, "meetings", "list").stdout == ""  # event 1 was fine: not imported

    (tmp_path / "duration.ics").write_text(
        CALENDAR.replace(f"DTEND:{YEAR}1201T190000Z", "DTEND:PT90M"), encoding="utf-8"
    )
    imported = cli_here(database_url, "meetings", "import", "duration.ics", cwd=tmp_path)
    assert imported.returncode == 0 and len(imported.stdout.splitlines()) == 2, imported.stderr
    lines = cli_here(database_url, "meetings", "list").stdout.splitlines()
    assert [line.split("\t")[1] for line in lines] == [f"{YEAR}-11-05 18:00", f"{YEAR}-12-01 18:00"]
