"""`stadtstimme run --webhook --workers N`: load once, then fork N workers on one socket.

The parent imports the bot (aiogram, handlers, catalogs), loads the language detector's tables,
binds the webhook port, collects and `gc.freeze()`s, and only then forks: the workers share
those pages copy-on-write instead of each building its own (see bench/RESULTS.md, memory). The
kernel hands each connection to one of the workers waiting on the shared socket. Each worker is
an ordinary webhook worker (`bot.runner.run_webhook`) with its own event loop, database pool,
standby sender and health port (`OPS_PORT` + its index). The parent keeps the socket and
forks a worker that dies again under the same index (bot/supervisor.py). SIGTERM/SIGINT to the
parent go to every worker; the parent exits when all have, with the worst exit status.
"""

from __future__ import annotations

import asyncio
import logging
import socket
import sys

from bot.config import Settings
from bot.runner import Beside, StartupError, run_webhook
from bot.services.language import detection as language
from bot.supervisor import REFUSED, Supervisor
from bot.tuning import freeze_start_up_objects

log = logging.getLogger(__name__)


def run_forked(settings: Settings, token: str, workers: int, beside: Beside | None) -> int:
    """Fork `workers` webhook workers sharing one listening socket and keep them running (a
    worker that dies is forked again: bot/supervisor.py); their worst exit status."""
    language.warm_up()  # cached tables: built here once, shared by every worker
    listener = socket.create_server((settings.webhook_host, settings.webhook_port), backlog=2048)
    freeze_start_up_objects()

    def work(index: int) -> int:
        return _worker(settings, token, beside, listener, index)

    return Supervisor(workers, work, listener).run()


def _worker(
    settings: Settings, token: str, beside: Beside | None, listener: socket.socket, index: int
) -> int:
    """One worker's life after the fork (the supervisor has undone the parent's signal setup):
    its own event loop; exit status 2 when it refuses to start, so it is not forked again."""
    base = settings.ops_port_for("bot")
    ops_port = base + index if base else 0
    try:
        asyncio.run(run_webhook(settings, token, beside, listener=listener, ops_port=ops_port))
    except StartupError as error:
        print(f"worker {index}: {error}", file=sys.stderr)
        return REFUSED
    except KeyboardInterrupt:
        return 0
    except Exception:
        log.exception("webhook worker %d failed", index)
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return 0
