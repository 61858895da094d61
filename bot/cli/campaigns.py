"""`stadtstimme campaigns …`: list, show, follow and cancel announcements."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from sqlalchemy import func, select

from bot.cli.exits import fail, settings_or_exit
from bot.cli.follow import follow_to_end
from bot.cli.support import (
    CLI_OPERATOR,
    FINISHED,
    PREVIEW,
    audience_summary,
    database_session,
    local,
    run_db,
)
from bot.services.audience import Audience
from bot.services.campaigns import lifecycle as campaigns
from bot.services.clock import SystemClock
from db.models import Campaign, CampaignStatus, CampaignText, OutboxMessage, OutboxStatus

campaigns_app = typer.Typer(help="Announcement campaigns.", no_args_is_help=True)


@campaigns_app.command("list")
def list_campaigns(
    limit: int = typer.Option(20, "--limit", min=1, help="How many, newest first."),
) -> None:
    """Show the newest campaigns with their status and progress."""
    settings = settings_or_exit()

    async def load() -> list[tuple[Campaign, list[str], int]]:
        async with database_session(settings) as session:
            newest = select(Campaign).order_by(Campaign.id.desc()).limit(limit)
            rows = list((await session.execute(newest)).scalars())
            ids = [campaign.id for campaign in rows]
            texts = await session.execute(
                select(CampaignText.campaign_id, CampaignText.language)
                .where(CampaignText.campaign_id.in_(ids))
                .order_by(CampaignText.language)
            )
            languages: dict[int, list[str]] = {}
            for campaign_id, language in texts.all():
                languages.setdefault(campaign_id, []).append(language)
            sent = await session.execute(
                select(OutboxMessage.campaign_id, func.count())
                .where(
                    OutboxMessage.campaign_id.in_(ids), OutboxMessage.status == OutboxStatus.SENT
                )
                .group_by(OutboxMessage.campaign_id)
            )
            sent_by_id: dict[Any, int] = {row[0]: row[1] for row in sent.all()}
            return [
                (
                    campaign,
                    _german_first(languages.get(campaign.id, [])),
                    sent_by_id.get(campaign.id, 0),
                )
                for campaign in rows
            ]

    rows = run_db(load())
    if rows is None:
        return
    if not rows:
        Console().print("no campaigns yet")
        return
    table = Table("id", "created", "send time", "status", "sent/total", "languages", "audience")
    for campaign, languages, sent in rows:
        counts = "—" if campaign.status == CampaignStatus.SCHEDULED else f"{sent}/{campaign.total}"
        created, send_at = local(campaign.created_at, settings), local(campaign.send_at, settings)
        summary = Text(audience_summary(Audience.from_json(campaign.audience)))
        table.add_row(
            str(campaign.id),
            created,
            send_at,
            campaign.status,
            counts,
            " ".join(languages),
            summary,
        )
    Console().print(table)


def _german_first(languages: list[str]) -> list[str]:
    return sorted(languages, key=lambda language: (language != "de", language))


@campaigns_app.command("show")
def show_campaign(campaign_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Every detail of one campaign: schedule, audience, counts and its texts."""
    settings = settings_or_exit()

    async def load() -> tuple[Campaign, campaigns.Progress, dict[str, str]] | None:
        async with database_session(settings) as session:
            campaign = await session.get(Campaign, campaign_id)
            progress = await campaigns.progress(session, campaign_id)
            if campaign is None or progress is None:
                return None
            return campaign, progress, await campaigns.texts_of(session, campaign_id)

    found = run_db(load())
    if found is None:
        raise fail(f"no campaign {campaign_id}")
    campaign, progress, texts = found
    creator = "CLI operator" if campaign.created_by == CLI_OPERATOR else str(campaign.created_by)
    details = Table.grid(padding=(0, 2))
    details.add_column(style="bold")
    details.add_column()
    for label, value in (
        ("campaign", str(campaign.id)),
        ("status", campaign.status),
        ("created", f"{local(campaign.created_at, settings)} by {creator}"),
        ("send time", f"{local(campaign.send_at, settings)} ({settings.timezone})"),
        ("finished", local(campaign.finished_at, settings)),
        ("paid broadcast", "yes" if campaign.paid else "no"),
        ("photo", "yes" if campaign.photo else "no"),
        ("audience", audience_summary(Audience.from_json(campaign.audience))),
        (
            "recipients",
            "not queued yet"
            if campaign.status == CampaignStatus.SCHEDULED
            else str(progress.total),
        ),
        ("sent", str(progress.sent)),
        ("pending", str(progress.pending)),
        ("unreachable", str(progress.unreachable)),
        ("failed", str(progress.failed)),
        ("cancelled", str(progress.cancelled)),
    ):
        details.add_row(label, Text(value))
    console = Console()
    console.print(details)
    texts_table = Table("language", "text", show_lines=True)
    for language in _german_first(list(texts)):
        text = texts[language]
        preview = text if len(text) <= PREVIEW else text[: PREVIEW - 1] + "…"
        texts_table.add_row(language, Text(preview))
    console.print(texts_table)


@campaigns_app.command("cancel")
def cancel_campaign(campaign_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Stop a scheduled or sending campaign; messages already sent stay sent."""
    settings = settings_or_exit()

    async def cancel() -> tuple[str, campaigns.Progress | None]:
        async with database_session(settings) as session:
            campaign = await session.get(Campaign, campaign_id)
            if campaign is None:
                return "unknown", None
            if campaign.status in FINISHED:
                return campaign.status, None
            if not await campaigns.cancel(session, SystemClock(), campaign_id, actor=CLI_OPERATOR):
                # It finished between our read and the update.
                progress = await campaigns.progress(session, campaign_id)
                return progress.status if progress else "unknown", None
            return "cancelled now", await campaigns.progress(session, campaign_id)

    outcome = run_db(cancel())
    if outcome is None:
        return
    status, progress = outcome
    if status == "unknown":
        raise fail(f"no campaign {campaign_id}")
    if progress is None:
        raise fail(f"campaign {campaign_id} is already {status}; nothing to cancel")
    if progress.total == 0:
        message = f"cancelled campaign {campaign_id} before it went out"
    else:
        message = (
            f"cancelled campaign {campaign_id}: {progress.sent} already sent stay sent, "
            f"{progress.cancelled} will not be sent"
        )
    Console(highlight=False).print(message)


@campaigns_app.command("follow")
def follow_campaign(campaign_id: int = typer.Argument(..., metavar="ID")) -> None:
    """Watch a campaign until it is done; send it here if no bot is sending (needs BOT_TOKEN)."""
    settings = settings_or_exit()

    async def load() -> Campaign | None:
        async with database_session(settings) as session:
            return await session.get(Campaign, campaign_id)

    campaign = run_db(load())
    if campaign is None:
        raise fail(f"no campaign {campaign_id}")
    console = Console(highlight=False)
    if campaign.status == CampaignStatus.SCHEDULED and campaign.send_at > datetime.now(UTC):
        when = f"{local(campaign.send_at, settings)} ({settings.timezone})"
        console.print(f"campaign {campaign_id} goes out at {when}; waiting for it")
    token = settings.bot_token.get_secret_value() if settings.bot_token else None
    if token is None:
        console.print("BOT_TOKEN is not set: only watching, a running bot has to send it")
    follow_to_end(settings, campaign_id, token, console)
