"""`stadtstimme meetings …`: add (YAML), import (.ics), list, attendees, QR (edit: own module)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from bot.cli.exits import fail, settings_or_exit
from bot.cli.support import DISTRICT_NAMES, database_session, district_code, local, opened, run_db
from bot.cli.translate_option import TRANSLATE_HELP
from bot.cli.translate_option import translated_meeting as translated
from bot.config import Settings
from bot.services.clock import SystemClock
from bot.services.meetings import files as meeting_files
from bot.services.meetings import ics as meeting_ics
from bot.services.meetings import lifecycle as meetings
from bot.services.meetings import poster
from bot.services.meetings.lifecycle import MeetingError, text_of
from db.repositories import meetings as repo

meetings_app = typer.Typer(help="Bürgerforen: public meetings.", no_args_is_help=True)
CLI_OPERATOR = 0


def register(app: typer.Typer) -> None:
    """Add `meetings` to the main command."""
    from bot.cli.meeting_edit import edit

    meetings_app.command("edit")(edit)
    app.add_typer(meetings_app, name="meetings")


def deep_link(settings: Settings, meeting_id: int) -> str:
    """The poster link that opens the meeting's card in Telegram."""
    return poster.deep_link(settings.bot_username, meeting_id)


def _district(value: str) -> str:
    code = district_code(value)
    if code not in meetings.MEETING_DISTRICTS:
        names = ", ".join(DISTRICT_NAMES[d] for d in meetings.MEETING_DISTRICTS if d != "city")
        raise MeetingError("district", f"district: unknown {value!r} (one of {names}, city)")
    return code


def _read(path: Path, limit: int | None = None) -> bytes:
    """The file's bytes; with a limit at most limit + 1 of them (enough to say "too large")."""
    try:
        with path.open("rb") as opened_file:
            return opened_file.read(-1 if limit is None else limit + 1)
    except OSError as error:
        raise fail(f"{path}: {error.strerror or error}") from None


async def _store(
    settings: Settings, parsed: list[meeting_files.Parsed], publish: bool
) -> list[str]:
    from bot.presentation.meetings import notice_renderer

    lines = []
    async with opened(settings) as runtime, runtime.session_factory() as session:
        render = notice_renderer(runtime.i18n, settings.zone)
        for number, item in enumerate(parsed, start=1):
            if item.uid and (known := await repo.by_source_uid(session, item.uid)) is not None:
                lines.append(f"{known.id}\talready imported (UID {item.uid})")
                continue
            try:
                meeting = await meetings.create(
                    session, runtime.clock, item.data, created_by=CLI_OPERATOR, source_uid=item.uid
                )
            except MeetingError as error:
                await session.rollback()
                where = f"event {number}: " if len(parsed) > 1 else ""
                raise fail(f"{where}{error}") from None
            if publish:
                await meetings.publish(
                    session, runtime.clock, meeting, render, "de", actor=CLI_OPERATOR
                )
            lines.append(f"{meeting.id}\t{meeting.status}\t{deep_link(settings, meeting.id)}")
        await session.commit()
    return lines


@meetings_app.command("add")
def add(
    file: Path = typer.Option(..., "--file", metavar="YAML", help="meeting.yaml (see README)."),
    draft: bool = typer.Option(False, "--draft", help="Store without publishing."),
    translate: bool = typer.Option(False, "--translate", help=TRANSLATE_HELP),
) -> None:
    """Create a meeting from a YAML file and publish it (subscribers are told)."""
    settings = settings_or_exit()
    try:
        data = meeting_files.from_yaml(_read(file).decode("utf-8"), _district, settings.zone)
        meetings.check(data, SystemClock().now())
    except (MeetingError, UnicodeDecodeError) as error:
        raise fail(f"{file}: {error}") from None
    if translate:
        data = translated(settings, data)
    for line in run_db(_store(settings, [meeting_files.Parsed(data)], not draft)) or []:
        typer.echo(line)


@meetings_app.command("import")
def import_ics(
    file: Path = typer.Argument(..., metavar="CALENDAR.ics"),
    district: str = typer.Option("city", "--district", help="District of every event."),
    draft: bool = typer.Option(False, "--draft", help="Store without publishing."),
) -> None:
    """Import every VEVENT of an .ics file (same UID twice: imported once).

    All or nothing: every event is checked first; a malformed or odd one (broken or repeated
    property, PERIOD, unknown TZID, repeating event, not UTF-8) is named in one line, exit 2.
    DTEND may be a duration, or DURATION given instead; without either a meeting lasts 2 hours.
    """
    settings = settings_or_exit()
    try:
        data = _read(file, meeting_ics.MAX_BYTES)
        now = SystemClock().now()
        parsed = meeting_ics.from_ics(data, _district(district), settings.zone, now)
    except MeetingError as error:
        raise fail(f"{file}: {error}") from None
    for line in run_db(_store(settings, parsed, not draft)) or []:
        typer.echo(line)


@meetings_app.command("list")
def list_meetings() -> None:
    """One line per meeting: id, start (local), status, district, registered/capacity, title."""
    settings = settings_or_exit()

    async def load() -> list[str]:
        async with database_session(settings) as session:
            lines = []
            for meeting in await repo.all_meetings(session):
                counts = await repo.attendance(session, meeting.id)
                places = f"{counts['registered']}/{meeting.capacity or '∞'}"
                lines.append(
                    f"{meeting.id}\t{local(meeting.starts_at, settings)}\t{meeting.status}\t"
                    f"{meeting.district}\t{places}\t{text_of(meeting.title, 'de')}"
                )
            return lines

    lines = run_db(load()) or []
    for line in lines:
        typer.echo(line)
    Console(stderr=True).print(f"{len(lines)} meetings")


@meetings_app.command("attendees")
def attendees(meeting_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Counts only (no names are stored): registered, waiting, cancelled, feedback."""
    settings = settings_or_exit()

    async def load() -> dict[str, object] | None:
        async with database_session(settings) as session:
            if await repo.get(session, meeting_id) is None:
                return None
            return await repo.attendance(session, meeting_id)

    counts = run_db(load())
    if counts is None:
        raise fail(f"no meeting with id {meeting_id}")
    rating = counts["rating"]
    for name in ("registered", "waiting", "cancelled", "feedback"):
        typer.echo(f"{name}: {counts[name]}")
    typer.echo(f"average rating: {rating:.1f}" if rating is not None else "average rating: —")


@meetings_app.command("qr")
def qr(
    meeting_id: int = typer.Argument(..., metavar="ID"),
    out: Path | None = typer.Option(
        None, "--out", metavar="PATH", help="Default: ./meeting-ID-qr.png"
    ),
) -> None:
    """A PNG QR code with the meeting's deep link, ready for posters; prints the path."""
    settings = settings_or_exit()

    async def exists() -> bool:
        async with database_session(settings) as session:
            return await repo.get(session, meeting_id) is not None

    if not run_db(exists()):
        raise fail(f"no meeting with id {meeting_id}")
    target = out or Path(f"meeting-{meeting_id}-qr.png")
    try:
        target.write_bytes(poster.qr_png(deep_link(settings, meeting_id)))
    except OSError as error:
        raise fail(f"{target}: {error.strerror or error}") from None
    typer.echo(str(target))
