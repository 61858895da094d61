"""`stadtstimme announce`: queue an announcement from files, then follow (or do) the sending."""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console

from bot.cli.announce_input import (
    choose,
    complaint,
    district_help,
    read_texts,
    send_time,
    translated,
    validate,
)
from bot.cli.campaigns import campaigns_app
from bot.cli.exits import fail, settings_or_exit
from bot.cli.follow import follow_to_end
from bot.cli.support import (
    CLI_OPERATOR,
    INTERRUPTED,
    RUN,
    audience_summary,
    database_session,
    district_code,
    local,
    opened,
    run_db,
)
from bot.cli.translate_option import TRANSLATE_HELP
from bot.config import LANGUAGES, Settings
from bot.services import audience as audiences
from bot.services.audience import Audience
from bot.services.campaigns import lifecycle as campaigns
from bot.services.campaigns.lifecycle import CampaignError, Draft
from bot.services.clock import SystemClock
from bot.services.profile import AGE_GROUPS, DISTRICTS, TOPICS

ANNOUNCE_HELP = (
    "Queue an announcement, then follow it until everyone got it.\n\n"
    "The campaign is recorded as created by 0, the CLI operator (staff create theirs in "
    "Telegram). If a bot is running, its sender sends and this command only watches; otherwise "
    "this command sends itself (needs BOT_TOKEN). A campaign --at a later time is left to the "
    "running bot: the command says when it goes out and returns. Ctrl+C stops following; the "
    "campaign stays queued."
)


def register(app: typer.Typer) -> None:
    """Add `announce` and `campaigns` to the main command."""
    app.command("announce", help=ANNOUNCE_HELP)(announce)
    app.add_typer(campaigns_app, name="campaigns")


def announce(
    text_files: list[Path] | None = typer.Option(
        None,
        "--text-file",
        metavar="FILE",
        help="Telegram HTML; the first is German, each later one pairs with a --lang in order.",
        show_default=False,
    ),
    langs: list[str] | None = typer.Option(
        None,
        "--lang",
        metavar="LANG",
        help="Language of the 2nd, 3rd, … --text-file.",
        show_default=False,
    ),
    districts: list[str] | None = typer.Option(
        None,
        "--district",
        metavar="NAME",
        help="E.g. Mitte, Homberg/Ruhrort/Baerl, Süd (repeatable).",
        show_default=False,
    ),
    age_groups: list[str] | None = typer.Option(
        None,
        "--age-group",
        metavar="CODE",
        help=f"One of {', '.join(AGE_GROUPS)} (repeatable).",
        show_default=False,
    ),
    topics: list[str] | None = typer.Option(
        None,
        "--topic",
        metavar="CODE",
        help=f"One of {', '.join(TOPICS)} (repeatable).",
        show_default=False,
    ),
    languages: list[str] | None = typer.Option(
        None,
        "--language",
        metavar="LANG",
        help="Only people reading this language (repeatable).",
        show_default=False,
    ),
    at: str | None = typer.Option(
        None, "--at", metavar="TIME", help="Send time 'YYYY-MM-DD HH:MM' in TIMEZONE; default now."
    ),
    yes: bool = typer.Option(False, "--yes", help="Don't ask before queueing."),
    detach: bool = typer.Option(False, "--detach", help="Return right after queueing."),
    translate: bool = typer.Option(False, "--translate", help=TRANSLATE_HELP),
) -> None:
    """Queue an announcement, then follow (or do) its sending; see ANNOUNCE_HELP."""
    settings = settings_or_exit()
    texts, sources = read_texts(text_files or [], langs or [])
    audience = Audience(
        districts=choose("--district", districts, DISTRICTS, district_code, district_help()),
        age_groups=choose("--age-group", age_groups, AGE_GROUPS),
        topics=choose("--topic", topics, TOPICS),
        languages=choose("--language", languages, LANGUAGES),
    )
    now = SystemClock().now()
    draft = Draft(
        texts=texts, audience=audience, send_at=send_time(at, settings, now),
        paid=settings.paid_broadcast_rate > 0,
    )  # fmt: skip
    validate(draft, sources, at, now)
    if translate:
        draft = translated(settings, draft)
    token = settings.bot_token.get_secret_value() if settings.bot_token else None
    looked = run_db(_look(settings, audience))
    if looked is None:
        raise typer.Exit(INTERRUPTED)
    count, bot_sending = looked
    immediate = draft.send_at is None
    if immediate and not detach and not bot_sending and token is None:
        raise fail("BOT_TOKEN is needed to send (or start the bot and let it send)")
    _print_summary(
        settings, draft, sources, count, _sender_text(bot_sending, detach, token is not None)
    )
    if not yes:
        if not sys.stdin.isatty():
            raise fail("no terminal to ask on: add --yes to send without asking")
        if not typer.confirm("Send?", default=False):
            Console(stderr=True).print("nothing was queued")
            raise typer.Exit(1)
    campaign_id = run_db(_create(settings, draft, sources, at))
    if campaign_id is None:
        raise typer.Exit(INTERRUPTED)
    _after_queueing(settings, campaign_id, draft, token, bot_sending, detach)


def _after_queueing(
    settings: Settings,
    campaign_id: int,
    draft: Draft,
    token: str | None,
    bot_sending: bool,
    detach: bool,
) -> None:
    """Say what happens next; unless detached (or nobody could send it), follow it to its end."""
    console = Console(highlight=False)
    console.print(f"campaign {campaign_id} queued")
    if draft.send_at is not None:
        when = f"{local(draft.send_at, settings)} ({settings.timezone})"
        if detach or (token is None and not bot_sending):
            who = "the running bot sends it" if bot_sending else f"start {RUN} before then"
            console.print(f"it goes out at {when}; {who} — this command does not wait")
            return
        console.print(f"it goes out at {when}; following it until then (Ctrl+C stops following)")
    if detach:
        if not bot_sending:
            console.print(f"no bot is sending right now: it goes out once {RUN} starts")
        return
    follow_to_end(settings, campaign_id, token, console)


def _sender_text(bot_sending: bool, detach: bool, has_token: bool) -> str:
    """Who will send, as the summary says it."""
    if bot_sending:
        return "the running bot"
    if detach or not has_token:
        return f"no bot is running now: start {RUN}"
    return "this command (no bot is running)"


def _print_summary(
    settings: Settings, draft: Draft, sources: dict[str, Path], count: int, sender: str
) -> None:
    """What is about to be queued, for the operator to check before saying yes."""
    out = Console(highlight=False)
    missing = "" if len(sources) == len(LANGUAGES) else " (other languages get the German text)"
    files = ", ".join(f"{language} {file}" for language, file in sources.items())
    when = "now" if draft.send_at is None else f"{local(draft.send_at, settings)}"
    out.print("announcement", style="bold")
    if draft.machine:
        files += ", " + " ".join(sorted(draft.machine)) + " machine-translated"
        missing = "" if len(draft.texts) == len(LANGUAGES) else missing
    out.print(f"  texts       {files}{missing}", markup=False)
    out.print(f"  audience    {audience_summary(draft.audience)}", markup=False)
    out.print(f"  recipients  {count} right now")
    out.print(f"  send time   {when} ({settings.timezone})")
    out.print(f"  sent by     {sender}", markup=False)
    if draft.paid:
        # Telegram charges 0.1 Stars per message sent with allow_paid_broadcast.
        Console(stderr=True, highlight=False).print(
            f"warning: paid broadcast is on (PAID_BROADCAST_RATE={settings.paid_broadcast_rate}):"
            f" each message costs 0.1 Telegram Stars from the bot's balance, for {count} "
            f"recipients at most {count / 10:g} Stars",
            markup=False,
        )


async def _look(settings: Settings, audience: Audience) -> tuple[int, bool]:
    """How many people the audience reaches, and whether a bot's sender is active."""
    from bot.delivery.leadership import sender_running

    async with opened(settings) as runtime:
        async with runtime.session_factory() as session:
            count = await audiences.count(session, audience, settings.default_language)
        return count, await sender_running(runtime)


async def _create(
    settings: Settings, draft: Draft, sources: dict[str, Path], at: str | None
) -> int:
    """Store the campaign; the sender queues its recipients when it is due."""
    async with database_session(settings) as session:
        try:
            campaign = await campaigns.create(
                session, SystemClock(), draft, created_by=CLI_OPERATOR
            )
        except CampaignError as error:
            # E.g. --at passed while the operator read the summary.
            raise fail(complaint(error, sources, at)) from None
        return campaign.id
