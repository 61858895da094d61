"""The `--workers` parent's supervision (bot/supervisor.py) with stand-in workers that end at
once: the back-off an operator sees in the log, no forks once stopping, refusals not retried.
The real group (PostgreSQL, SIGKILL, the same health port) is tests/e2e/test_run_workers.py."""

from __future__ import annotations

import itertools
import logging
import os
import signal
import socket
import threading
import time

import pytest

from bot.supervisor import REFUSED, Supervisor, next_delay


def test_a_worker_that_keeps_dying_at_once_waits_longer_each_time() -> None:
    delays, delay = [], 0.0
    for _ in range(7):
        delay = next_delay(delay, lived=0.5)
        delays.append(delay)
    assert delays == [1.0, 2.0, 4.0, 8.0, 16.0, 30.0, 30.0]
    assert next_delay(30.0, lived=600.0) == 0.0  # it had settled: replaced at once


def test_a_crash_loop_backs_off_and_sigterm_stops_forking(
    caplog: pytest.LogCaptureFixture,
) -> None:
    starts_read, starts_write = os.pipe()

    def crash(_index: int) -> int:
        os.write(starts_write, b"%f\n" % time.monotonic())
        return 1

    stop = threading.Timer(4.5, os.kill, (os.getpid(), signal.SIGTERM))
    with socket.create_server(("127.0.0.1", 0)) as listener, caplog.at_level(logging.INFO):
        stop.start()
        try:
            code = Supervisor(1, crash, listener).run()
        finally:
            stop.cancel()  # never a SIGTERM to pytest itself, whatever happened
    os.close(starts_write)
    with os.fdopen(starts_read) as starts:
        times = [float(line) for line in starts]
    gaps = [later - earlier for earlier, later in itertools.pairwise(times)]
    # Forked at 0 s, 1 s later, 2 s later again; the next (4 s on, at 7 s) falls after the
    # SIGTERM at 4.5 s and is never forked.
    assert len(times) == 3 and gaps[0] >= 1.0 and gaps[1] >= 2.0, gaps
    assert code == 1  # the group stopped with a worker down
    lines = [record.getMessage() for record in caplog.records]
    assert sum("ended unexpectedly" in line and "exit status 1" in line for line in lines) == 3
    assert sum("started again" in line for line in lines) == 2


def test_a_worker_that_refused_to_start_is_not_forked_again(
    caplog: pytest.LogCaptureFixture,
) -> None:
    with socket.create_server(("127.0.0.1", 0)) as listener:
        code = Supervisor(2, lambda _index: REFUSED, listener).run()
    lines = [record.getMessage() for record in caplog.records]
    assert code == REFUSED
    assert sum("refused to start (exit status 2)" in line for line in lines) == 2
    assert not any("started again" in line for line in lines)
