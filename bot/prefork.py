"""`stadtstimme run --webhook --workers N`: load once, then fork N workers on one socket.

The parent imports the bot (aiogram, handlers, catalogs), loads the language detector's tables,
binds the webhook port, collects and `gc.freeze()`s, and only then forks: the workers share
those pages copy-on-write instead of each building its own (see bench/RESULTS.md, memory). The
kernel hands each connection to one of the workers waiting on the shared socket. Each worker is
an ordinary webhook worker (`bot.runner.run_webhook`) with its own event loop, database pool,
standby sender and health port (`OPS_PORT` + its index). SIGTERM/SIGINT to the parent go to
every worker; the parent exits when all have, with the worst exit status.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import socket
import sys

from bot.config import Settings
from bot.runner import Beside, StartupError, run_webhook
from bot.services.language import detection as language
from bot.tuning import freeze_start_up_objects

log = logging.getLogger(__name__)


def run_forked(settings: Settings, token: str, workers: int, beside: Beside | None) -> int:
    """Fork `workers` webhook workers sharing one listening socket; their worst exit status."""
    language.warm_up()  # cached tables: built here once, shared by every worker
    listener = socket.create_server((settings.webhook_host, settings.webhook_port), backlog=2048)
    freeze_start_up_objects()
    children: dict[int, int] = {}
    for index in range(workers):
        pid = os.fork()
        if pid == 0:  # the worker
            os._exit(_worker(settings, token, beside, listener, index))
        children[pid] = index
    listener.close()  # the workers hold it

    def forward(signal_number: int, _frame: object) -> None:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal_number)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)
    log.info("%d webhook workers started: %s", workers, ", ".join(map(str, children)))
    worst = 0
    while children:
        pid, status = os.wait()
        index = children.pop(pid, -1)
        code = os.waitstatus_to_exitcode(status)
        if code:
            log.warning("webhook worker %d (pid %d) ended with %d", index, pid, code)
        worst = max(worst, abs(code))
    return worst


def _worker(
    settings: Settings, token: str, beside: Beside | None, listener: socket.socket, index: int
) -> int:
    """One worker's life after the fork: the parent's signal handlers undone, its own loop."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    base = settings.ops_port_for("bot")
    ops_port = base + index if base else 0
    try:
        asyncio.run(run_webhook(settings, token, beside, listener=listener, ops_port=ops_port))
    except StartupError as error:
        print(f"worker {index}: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0
    except Exception:
        log.exception("webhook worker %d failed", index)
        return 1
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
    return 0
