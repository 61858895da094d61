"""Follow a campaign with a Rich progress bar; send it here while no bot process is the sender."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

from bot.cli.exits import fail
from bot.cli.support import FINISHED, INTERRUPTED, opened, run_db
from bot.config import Settings
from bot.logs import HIDDEN, TOKEN_SHAPE
from bot.services.campaigns import lifecycle as campaigns
from db.models import CampaignStatus

if TYPE_CHECKING:
    from aiogram import Bot

    from bot.runtime import Runtime

log = logging.getLogger(__name__)
POLL_SECONDS = 0.5
SENDER_CHECK_POLLS = 10  # while only watching, look every 5 s whether the bot's sender went away
STOP_SECONDS = 5.0  # then cancel it: a 429 pause may keep it from looking sooner


class SendingFailed(Exception):
    """The sender this command ran stopped with an error; the message is safe to print."""


def follow_to_end(
    settings: Settings, campaign_id: int, token: str | None, console: Console
) -> None:
    """Follow with a progress bar, then one report line; Ctrl+C leaves the campaign queued."""
    try:
        final = run_db(_follow(settings, campaign_id, token, console))
    except SendingFailed as error:
        raise fail(f"{error}; campaign {campaign_id} stays queued", 1) from None
    if final is None:
        console.print(
            f"stopped following; campaign {campaign_id} stays queued (a running bot sends it; "
            f"`stadtstimme campaigns cancel {campaign_id}` stops it)"
        )
        raise typer.Exit(INTERRUPTED)
    console.print(
        f"campaign {campaign_id} {final.status}: {final.sent} sent, {final.unreachable} "
        f"unreachable, {final.failed} failed, {final.cancelled} cancelled of {final.total}"
    )
    if final.status != CampaignStatus.DONE:
        raise typer.Exit(1)


async def _follow(
    settings: Settings, campaign_id: int, token: str | None, console: Console
) -> campaigns.Progress:
    """Show progress until the campaign is done; send ourselves while no bot is sending."""
    async with opened(settings) as runtime:
        own = _OwnSender(runtime, token)
        try:
            with _progress_bar(console) as bar:
                task = bar.add_task("", total=None, sent=0, of="?", unreachable=0, failed=0)
                polls = 0
                while True:
                    if polls % SENDER_CHECK_POLLS == 0:
                        await own.start_unless_a_bot_sends()
                    own.raise_if_failed()
                    async with runtime.session_factory() as session:
                        progress = await campaigns.progress(session, campaign_id)
                    if progress is None:
                        raise fail(f"campaign {campaign_id} was deleted meanwhile", 1)
                    bar.update(
                        task, total=progress.total or None, completed=progress.done,
                        sent=progress.sent, of=progress.total or "?",
                        unreachable=progress.unreachable, failed=progress.failed,
                    )  # fmt: skip
                    if progress.status in FINISHED:
                        return progress
                    polls += 1
                    await asyncio.sleep(POLL_SECONDS)
        finally:
            await own.close()


class _OwnSender:
    """This command's own sender, run only while no bot process is the sender."""

    def __init__(self, runtime: Runtime, token: str | None) -> None:
        self.runtime = runtime
        self.token = token
        self.stop = asyncio.Event()
        self.task: asyncio.Task[None] | None = None
        self.bot: Bot | None = None

    async def start_unless_a_bot_sends(self) -> None:
        """Become the sender if nobody is (needs the token; without it we only watch)."""
        from bot.delivery.leadership import sender_running
        from bot.delivery.sender import Sender
        from bot.runtime import build_bot

        if self.task is not None or self.token is None or await sender_running(self.runtime):
            return
        self.bot = self.bot or build_bot(self.runtime.settings, self.token)
        self.task = asyncio.create_task(Sender(self.runtime, self.bot).run_until(self._stopped))

    async def _stopped(self) -> bool:
        return self.stop.is_set()

    def raise_if_failed(self) -> None:
        """SendingFailed if our sender crashed; forget it if it ended on its own."""
        if self.task is None or not self.task.done():
            return
        error = self.task.exception()
        self.task = None
        if error is not None:
            reason = TOKEN_SHAPE.sub(HIDDEN, str(error))
            raise SendingFailed(f"sending stopped: {type(error).__name__}: {reason}")

    async def close(self) -> None:
        """Let the sender finish its current step (it watches `stop`); cut it off if slow."""
        self.stop.set()
        if self.task is not None:
            try:
                await asyncio.wait_for(self.task, STOP_SECONDS)
            except Exception as error:
                # Why we are stopping (done, an error, Ctrl+C) is reported elsewhere.
                log.warning("the sender did not stop cleanly: %s", type(error).__name__)
        if self.bot is not None:
            await self.bot.session.close()


def _progress_bar(console: Console) -> Progress:
    return Progress(
        TextColumn("sending"),
        BarColumn(),
        TextColumn("{task.fields[sent]}/{task.fields[of]} sent"),
        TextColumn("· {task.fields[unreachable]} unreachable · {task.fields[failed]} failed"),
        TimeRemainingColumn(),
        console=console,
    )
