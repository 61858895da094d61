"""`stadtstimme announce` and `stadtstimme campaigns` as processes: checks, queueing, sending."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from bot.config import load_settings
from bot.delivery.leadership import leadership
from bot.runtime import create_runtime
from bot.sandbox.server import FakeBotAPI
from bot.services.audience import Audience
from bot.services.campaigns import lifecycle as campaigns
from bot.services.campaigns.lifecycle import Draft
from bot.services.clock import SystemClock
from db.models import Campaign, CampaignText, OutboxMessage, User, UserTopic
from db.session import create_engine, create_session_factory
from tests.conftest import sqlite_only
from tests.e2e.test_cli import cli_in_process, cli_in_thread

TOKEN = "123456789:AAH-fake-token-for-cli-tests-abcdefghijk"
POLL_SECRET = "cli-tests-poll-secret-0123456789abcdef"
CONSENT = datetime(2026, 1, 5, 12, 0, tzinfo=UTC)
# telegram_id → (Telegram language, district, consent, announcements, reachable)
RESIDENTS: dict[int, tuple[str | None, str | None, datetime | None, bool, bool]] = {
    1001: ("de", "mitte", CONSENT, True, True),
    1002: ("tr", "mitte", CONSENT, True, True),
    1003: ("tr", "walsum", CONSENT, True, True),
    1004: ("de", "mitte", None, True, True),  # no profile consent: district filters skip them
    1005: ("de", "mitte", CONSENT, False, True),  # opted out (/stop)
    1006: ("ar", "mitte", CONSENT, True, False),  # blocked the bot earlier
    1007: ("en", None, CONSENT, True, True),
}
ELIGIBLE = (1001, 1002, 1003, 1004, 1007)
GERMAN = "<b>Bürgerforum</b> am Montag im Rathaus &amp; online"
TURKISH = "<b>Vatandaş forumu</b> pazartesi belediye binasında"


def environment(database_url: str, **extra: str) -> dict[str, str]:
    """The process environment: no token unless given, wide Rich tables, no .env surprises."""
    return {
        **os.environ, "DATABASE_URL": database_url, "BOT_TOKEN": "", "COLUMNS": "200",
        "LOG_LEVEL": "WARNING", "POLL_SECRET": POLL_SECRET, **extra,
    }  # fmt: skip


def cli(database_url: str, cwd: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """The command run in this process on a thread of its own (`start` runs real processes)."""
    return cli_in_thread(list(args), environment(database_url, **env), cwd)


async def start(database_url: str, cwd: Path, *args: str, **env: str) -> asyncio.subprocess.Process:
    """The CLI as a process beside this test's event loop (the fake Telegram runs in it)."""
    return await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot.cli", *args, env=environment(database_url, **env), cwd=cwd,
        stdin=asyncio.subprocess.DEVNULL, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE, preexec_fn=_interruptible,
    )  # fmt: skip


def _interruptible() -> None:
    """Ctrl+C as in a terminal: a test run started in the background (`cmd &`) ignores SIGINT,
    and the child would inherit that."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


async def finish(process: asyncio.subprocess.Process) -> tuple[int, str, str]:
    out, err = await asyncio.wait_for(process.communicate(), 120)
    assert process.returncode is not None
    return process.returncode, out.decode(), err.decode()


async def read_until(process: asyncio.subprocess.Process, text: str) -> str:
    """Read stdout lines until one contains `text`."""
    assert process.stdout is not None
    seen = ""
    while text not in seen:
        line = await asyncio.wait_for(process.stdout.readline(), 60)
        assert line, f"process ended before printing {text!r}: {seen}"
        seen += line.decode()
    return seen


async def seed(database_url: str) -> None:
    engine = create_engine(database_url)
    async with create_session_factory(engine)() as session:
        for telegram_id, (language, district, consent, wanted, reachable) in RESIDENTS.items():
            session.add(
                User(
                    telegram_id=telegram_id, telegram_language=language, district=district,
                    profile_consent_at=consent, announcements=wanted, reachable=reachable,
                    onboarded=True, age_group="16-17" if telegram_id == 1007 else None,
                )
            )  # fmt: skip
        await session.flush()
        youth = await session.scalar(select(User.id).where(User.telegram_id == 1007))
        session.add(UserTopic(user_id=youth, topic="youth"))
        await session.commit()
    await engine.dispose()


async def query(database_url: str, statement: Any) -> list[Any]:
    engine = create_engine(database_url)
    try:
        async with create_session_factory(engine)() as session:
            return list((await session.execute(statement)).all())
    finally:
        await engine.dispose()


@pytest.fixture
def texts(tmp_path: Path) -> tuple[Path, Path]:
    german, turkish = tmp_path / "msg.html", tmp_path / "msg.tr.html"
    german.write_text(GERMAN, encoding="utf-8")
    turkish.write_text(TURKISH, encoding="utf-8")
    return german, turkish


@pytest.fixture
async def api() -> AsyncIterator[FakeBotAPI]:
    server = FakeBotAPI()
    await server.start()
    yield server
    await server.stop()


@sqlite_only  # wrong input is refused alike on every database
def test_wrong_input_is_one_line_and_queues_nothing(
    database_url: str, tmp_path: Path, texts: tuple[Path, Path]
) -> None:
    german, turkish = (str(path) for path in texts)
    broken = tmp_path / "broken.tr.html"
    broken.write_text("<b>Merhaba <i>Duisburg</b></i>", encoding="utf-8")
    cases = {
        "no --text-file": ((), "--text-file is required"),
        "file without --lang": (("--text-file", german, "--text-file", turkish), "got 2"),
        "--lang without file": (("--text-file", german, "--lang", "tr"), "1 --lang"),
        "unknown --lang": (
            ("--text-file", german, "--lang", "xx", "--text-file", turkish),
            "--lang: unknown language 'xx'",
        ),
        "German twice": (("--text-file", german, "--lang", "de", "--text-file", turkish), "de"),
        "unknown district": (
            ("--text-file", german, "--district", "Ruhrort"),
            "--district: unknown value 'Ruhrort'; valid: Walsum, Hamborn, Meiderich/Beeck, "
            "Homberg/Ruhrort/Baerl, Mitte, Rheinhausen, Süd",
        ),
        "unknown age group": (
            ("--text-file", german, "--age-group", "14-15"),
            "--age-group: unknown value '14-15'; valid: under-16, 16-17, 18-26, 27-64, 65-plus",
        ),
        "unknown topic": (("--text-file", german, "--topic", "weather"), "--topic: unknown"),
        "unknown language": (("--text-file", german, "--language", "fr"), "--language: unknown"),
        "invalid HTML": (
            ("--text-file", german, "--lang", "tr", "--text-file", str(broken)),
            f"{broken}: </b> does not close the last opened tag",
        ),
        "missing file": (("--text-file", str(tmp_path / "nope.html")), "nope.html: cannot read"),
        "past --at": (("--text-file", german, "--at", "2020-05-01 10:00"), "in the past"),
        "bad --at": (("--text-file", german, "--at", "tomorrow 6pm"), "YYYY-MM-DD HH:MM"),
        "no terminal, no --yes": (("--text-file", german, "--detach"), "--yes"),
        "nobody to send": (("--text-file", german, "--yes"), "BOT_TOKEN is needed to send"),
    }
    for case, (args, expected) in cases.items():
        result = cli_in_process(["announce", *args], environment(database_url), tmp_path)
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 2, (case, result.stdout, result.stderr)
        assert len(lines) == 1 and lines[0].startswith("error: "), (case, result.stderr)
        assert expected in lines[0], (case, lines[0])
    queued = asyncio.run(query(database_url, select(func.count()).select_from(Campaign)))
    assert queued[0][0] == 0


async def test_detach_queues_exactly_one_campaign(
    database_url: str, tmp_path: Path, texts: tuple[Path, Path]
) -> None:
    await seed(database_url)
    german, turkish = (str(path) for path in texts)
    result = cli(
        database_url, tmp_path, "announce", "--text-file", german, "--lang", "TR",
        "--text-file", turkish, "--district", "mitte", "--district", "Homberg / Ruhrort / Baerl",
        "--district", "SÜD", "--yes", "--detach",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "recipients  2 right now" in result.stdout  # 1001, 1002: Mitte, consent, reachable
    assert "districts Homberg/Ruhrort/Baerl, Mitte, Süd" in result.stdout
    assert "campaign 1 queued" in result.stdout
    assert "no bot is sending right now" in result.stdout
    [(campaign,)] = await query(database_url, select(Campaign))
    assert campaign.created_by == 0 and campaign.status == "scheduled" and not campaign.paid
    assert json.loads(campaign.audience)["districts"] == ["homberg-ruhrort-baerl", "mitte", "sued"]
    stored = await query(database_url, select(CampaignText.language, CampaignText.text))
    assert dict(stored) == {"de": GERMAN, "tr": TURKISH}
    assert (await query(database_url, select(func.count()).select_from(OutboxMessage)))[0][0] == 0


async def test_later_campaign_is_left_to_the_bot_and_paid_flag_warns(
    database_url: str, tmp_path: Path, texts: tuple[Path, Path]
) -> None:
    result = cli(
        database_url, tmp_path, "announce", "--text-file", str(texts[0]), "--age-group", "16-17",
        "--topic", "Youth", "--language", "en", "--at", "2031-07-01 18:00", "--yes",
        PAID_BROADCAST_RATE="100",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "goes out at 2031-07-01 18:00 (Europe/Berlin)" in result.stdout
    assert "does not wait" in result.stdout
    assert "paid broadcast" in result.stderr and "Telegram Stars" in result.stderr
    [(campaign,)] = await query(database_url, select(Campaign))
    assert campaign.send_at == datetime(2031, 7, 1, 16, 0, tzinfo=UTC)  # CEST is UTC+2
    assert campaign.paid and campaign.status == "scheduled"
    audience = json.loads(campaign.audience)
    assert (audience["age_groups"], audience["topics"], audience["languages"]) == (
        ["16-17"], ["youth"], ["en"]
    )  # fmt: skip


async def test_campaigns_list_show_cancel(
    database_url: str, tmp_path: Path, texts: tuple[Path, Path]
) -> None:
    await seed(database_url)
    german, turkish = (str(path) for path in texts)
    empty = cli(database_url, tmp_path, "campaigns", "list")
    assert empty.returncode == 0 and "no campaigns yet" in empty.stdout
    first = ("--text-file", german, "--lang", "tr", "--text-file", turkish, "--district", "Mitte")
    assert cli(database_url, tmp_path, "announce", *first, "--yes", "--detach").returncode == 0
    later = ("--text-file", german, "--at", "2031-01-10 09:30", "--yes")
    assert cli(database_url, tmp_path, "announce", *later).returncode == 0

    # Campaign 1 is queued as a running sender would do it: two recipients, one already sent.
    engine = create_engine(database_url)
    async with create_session_factory(engine)() as session:
        await campaigns.queue_due(session, _Clock(), "de")
        row = await session.scalar(select(OutboxMessage).where(OutboxMessage.chat_id == 1001))
        assert row is not None
        row.status = "sent"
        await session.commit()
    await engine.dispose()

    listing = cli(database_url, tmp_path, "campaigns", "list")
    assert listing.returncode == 0, listing.stderr
    lines = listing.stdout.splitlines()
    one = next(line for line in lines if line.startswith("│ 1 "))
    two = next(line for line in lines if line.startswith("│ 2 "))
    assert "sending" in one and "1/2" in one and "de tr" in one and "districts Mitte" in one
    assert "scheduled" in two and "2031-01-10 09:30" in two and "everyone" in two

    shown = cli(database_url, tmp_path, "campaigns", "show", "1")
    assert shown.returncode == 0, shown.stderr
    for expected in ("by CLI operator", "Mitte", "Bürgerforum", "Vatandaş forumu"):
        assert expected in shown.stdout, expected
    counts = dict(line.split(None, 1) for line in shown.stdout.splitlines() if "  " in line)
    assert counts.get("sent", "").strip() == "1" and counts.get("pending", "").strip() == "1"

    cancelled = cli(database_url, tmp_path, "campaigns", "cancel", "1")
    assert cancelled.returncode == 0, cancelled.stderr
    assert "1 already sent stay sent, 1 will not be sent" in cancelled.stdout
    statuses = await query(database_url, select(OutboxMessage.chat_id, OutboxMessage.status))
    assert dict(statuses) == {1001: "sent", 1002: "cancelled"}
    scheduled = cli(database_url, tmp_path, "campaigns", "cancel", "2")
    assert scheduled.returncode == 0 and "before it went out" in scheduled.stdout
    states = await query(database_url, select(Campaign.id, Campaign.status))
    assert dict(states) == {1: "cancelled", 2: "cancelled"}

    for args, message in (
        (("cancel", "1"), "error: campaign 1 is already cancelled; nothing to cancel"),
        (("cancel", "99"), "error: no campaign 99"),
        (("show", "99"), "error: no campaign 99"),
        (("follow", "99"), "error: no campaign 99"),
    ):
        result = cli(database_url, tmp_path, "campaigns", *args)
        assert result.returncode == 2 and result.stderr.strip() == message, result.stderr


class _Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


async def test_announce_sends_to_every_eligible_resident_once(
    database_url: str, tmp_path: Path, texts: tuple[Path, Path], api: FakeBotAPI
) -> None:
    await seed(database_url)
    api.fail(TOKEN, method="sendMessage", chat_id=1003, error_code=403,
             description="Forbidden: bot was blocked by the user")  # fmt: skip
    german, turkish = (str(path) for path in texts)
    process = await start(
        database_url, tmp_path, "announce", "--text-file", german, "--lang", "tr",
        "--text-file", turkish, "--yes", BOT_TOKEN=TOKEN, TELEGRAM_API_URL=api.base_url,
    )  # fmt: skip
    code, out, err = await finish(process)
    assert code == 0, (out, err)
    assert "recipients  5 right now" in out and "this command" in out
    assert "campaign 1 done: 4 sent, 1 unreachable, 0 failed, 0 cancelled of 5" in out
    for chat_id in RESIDENTS:
        calls = api.calls("sendMessage", chat_id=chat_id, token=TOKEN)
        assert len(calls) == (1 if chat_id in ELIGIBLE else 0), (chat_id, calls)
    assert api.calls("sendMessage", chat_id=1002)[0].params["text"] == TURKISH
    assert api.calls("sendMessage", chat_id=1007)[0].params["text"] == GERMAN  # no English text
    [(status,)] = await query(database_url, select(Campaign.status))
    assert status == "done"
    [(reachable,)] = await query(
        database_url, select(User.reachable).where(User.telegram_id == 1003)
    )
    assert reachable is False
    assert TOKEN not in out + err


async def test_running_bot_sends_and_announce_only_watches(
    database_url: str, tmp_path: Path, texts: tuple[Path, Path], api: FakeBotAPI
) -> None:
    """While another process is the sender the CLI only watches; when it goes, the CLI sends."""
    await seed(database_url)
    settings = load_settings(_env_file=None, database_url=database_url)
    runtime = create_runtime(settings)
    bot_process = leadership(runtime, "sender")  # stands in for `stadtstimme run`
    assert await bot_process.acquire()

    async def keep_lease_fresh() -> None:
        while True:  # as a live bot does, also while the CLI is still starting up
            await asyncio.sleep(1)
            assert await bot_process.acquire()

    renewing = asyncio.create_task(keep_lease_fresh())
    process = await start(
        database_url, tmp_path, "announce", "--text-file", str(texts[0]), "--district", "Mitte",
        "--yes", BOT_TOKEN=TOKEN, TELEGRAM_API_URL=api.base_url,
    )  # fmt: skip
    try:
        summary = await read_until(process, "queued")
        assert "sent by     the running bot" in summary
        await asyncio.sleep(4)
        assert api.calls("sendMessage") == []
    finally:
        renewing.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await renewing
        await bot_process.release()
        await runtime.engine.dispose()
    code, out, err = await finish(process)
    assert code == 0, (out, err)
    assert "campaign 1 done: 2 sent" in out
    assert sorted(int(call.chat_id) for call in api.calls("sendMessage")) == [1001, 1002]


async def test_ctrl_c_stops_following_and_the_campaign_stays_queued(
    database_url: str, tmp_path: Path, texts: tuple[Path, Path], api: FakeBotAPI
) -> None:
    await seed(database_url)
    # Sends 5 s apart: Ctrl+C lands mid-campaign even on a busy machine.
    process = await start(
        database_url, tmp_path, "announce", "--text-file", str(texts[0]), "--yes",
        BOT_TOKEN=TOKEN, TELEGRAM_API_URL=api.base_url, SEND_RATE="0.2",
    )  # fmt: skip
    await read_until(process, "queued")
    for _ in range(200):
        if api.calls("sendMessage"):
            break
        await asyncio.sleep(0.05)
    process.send_signal(signal.SIGINT)
    code, out, err = await finish(process)
    assert code == 130, (out, err)
    assert "stopped following; campaign 1 stays queued" in out
    assert "Traceback" not in err
    [(status,)] = await query(database_url, select(Campaign.status))
    assert status == "sending"
    # Unsent rows stay queued (claimed ones return to the queue when a sender takes over).
    unsent = await query(
        database_url,
        select(OutboxMessage.id).where(OutboxMessage.status.in_(("pending", "sending"))),
    )
    assert 0 < len(unsent) < len(ELIGIBLE)

    # Following again finishes it; everyone still gets exactly one message.
    again = await start(
        database_url, tmp_path, "campaigns", "follow", "1",
        BOT_TOKEN=TOKEN, TELEGRAM_API_URL=api.base_url,
    )  # fmt: skip
    code, out, err = await finish(again)
    assert code == 0, (out, err)
    assert "campaign 1 done: 5 sent" in out
    for chat_id in ELIGIBLE:
        assert len(api.calls("sendMessage", chat_id=chat_id)) == 1, chat_id


async def test_follow_waits_for_a_scheduled_campaign_then_sends_it(
    database_url: str, tmp_path: Path, api: FakeBotAPI
) -> None:
    await seed(database_url)
    engine = create_engine(database_url)
    later = datetime.now(UTC) + timedelta(hours=1)
    draft = Draft(texts={"de": GERMAN}, audience=Audience(), send_at=later)
    async with create_session_factory(engine)() as session:
        await campaigns.create(session, SystemClock(), draft, created_by=0)
    process = await start(
        database_url, tmp_path, "campaigns", "follow", "1",
        BOT_TOKEN=TOKEN, TELEGRAM_API_URL=api.base_url,
    )  # fmt: skip
    waiting = await read_until(process, "waiting for it")
    assert "campaign 1 goes out at" in waiting
    # Staff move it to a second from now while the command waits (a fixed short delay
    # raced the process start on a loaded CI machine).
    soon = datetime.now(UTC) + timedelta(seconds=1)
    async with create_session_factory(engine)() as session:
        (await session.get_one(Campaign, 1)).send_at = soon
        await session.commit()
    await engine.dispose()
    code, out, err = await finish(process)
    assert code == 0, (out, err)
    assert "campaign 1 done: 5 sent" in out
    first = min(call.timestamp for call in api.calls("sendMessage"))
    assert first >= soon.timestamp()  # not a moment early
    assert sorted(int(call.chat_id) for call in api.calls("sendMessage")) == list(ELIGIBLE)
