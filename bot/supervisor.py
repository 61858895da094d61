"""The `--workers` parent's watch over its forked workers (bot/prefork.py).

A worker that ends while the group is not stopping (the OOM killer, a crash) is logged and
forked again under the same index, so it takes the same health port. A worker that dies soon
after its start waits longer each time (1 s, 2 s, … 30 s) so a crash loop does not spin the CPU;
one that lived a while is replaced at once. A worker that refused to start (exit status 2: its
settings or the schema) is not forked again: the next one would refuse too.

SIGTERM/SIGINT are forwarded to every worker and nothing is forked from then on. The parent
sleeps in select() on a wake-up pipe the signal module writes to (SIGCHLD, SIGTERM, SIGINT), so
it neither polls nor misses a signal that arrives between two checks.
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import signal
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import FrameType
from typing import Any

log = logging.getLogger(__name__)

FIRST_DELAY = 1.0  # at most one fork per index per second
LONGEST_DELAY = 30.0
SETTLED_SECONDS = 10.0  # a worker that lived this long was not crash-looping: no delay
REFUSED = 2  # bot.prefork's exit status for a worker that refused to start
WATCHED = (signal.SIGCHLD, signal.SIGTERM, signal.SIGINT)


def next_delay(previous: float, lived: float) -> float:
    """Seconds until a dead worker's replacement, given the delay before it and its life."""
    if lived >= SETTLED_SECONDS:
        return 0.0
    return FIRST_DELAY if previous <= 0 else min(LONGEST_DELAY, previous * 2)


def describe(code: int) -> str:
    """`os.waitstatus_to_exitcode`'s result in an operator's words."""
    if code >= 0:
        return f"exit status {code}"
    try:
        return f"killed by {signal.Signals(-code).name}"
    except ValueError:
        return f"killed by signal {-code}"


@dataclass
class Slot:
    """One worker index: its current process, or when to fork it again."""

    index: int
    pid: int = 0  # 0: no process
    started: float = 0.0
    delay: float = 0.0
    due: float | None = None  # when to fork again; None: not to be forked
    code: int = 0  # how its last process ended


@dataclass
class Supervisor:
    """Forks `work(index)` for each index and keeps every index running until stopped."""

    workers: int
    work: Callable[[int], int]  # a worker's life in the child; its exit status
    listener: socket.socket  # held so replacements can share it; closed when stopping
    slots: list[Slot] = field(default_factory=list)
    requested: list[int] = field(default_factory=list)  # stop signals not yet forwarded
    stopping: bool = False
    worst: int = 0
    pipe: tuple[int, int] = (-1, -1)  # the wake-up pipe (read, write)
    originals: dict[signal.Signals, Any] = field(default_factory=dict)  # the handlers before ours

    def run(self) -> int:
        """Until every worker has ended; the worst exit status of those not replaced."""
        self.slots = [Slot(index) for index in range(self.workers)]
        self.pipe = os.pipe()
        for end in self.pipe:
            os.set_blocking(end, False)
        self.originals = {number: signal.getsignal(number) for number in WATCHED}
        signal.set_wakeup_fd(self.pipe[1])
        for number in WATCHED:
            signal.signal(number, self._note)
        try:
            for slot in self.slots:
                self._fork(slot)
            pids = ", ".join(str(slot.pid) for slot in self.slots)
            log.info("%d webhook workers started: %s", self.workers, pids)
            while self._loop_once():
                pass
        finally:
            signal.set_wakeup_fd(-1)
            for number, handler in self.originals.items():
                signal.signal(number, handler)
            for end in self.pipe:
                os.close(end)
            self.listener.close()
        return self.worst

    def _loop_once(self) -> bool:
        """Forward, reap, fork what is due, then sleep until something happens; False: done."""
        if self.requested:
            self._stop()
        now = time.monotonic()
        self._reap(now)
        for slot in self.slots:
            if not self.stopping and slot.due is not None and slot.due <= now:
                self._fork(slot)
        pending = [slot.due for slot in self.slots if slot.due is not None]  # none once stopping
        if not any(slot.pid for slot in self.slots) and not pending:
            return False
        select.select([self.pipe[0]], [], [], max(0.0, min(pending) - now) if pending else None)
        with contextlib.suppress(BlockingIOError):
            while os.read(self.pipe[0], 512):
                pass
        return True

    def _note(self, number: int, _frame: FrameType | None) -> None:
        """The signal handler: only records (the loop acts, outside any fork in progress)."""
        if number != signal.SIGCHLD:
            self.requested.append(number)

    def _stop(self) -> None:
        if not self.stopping:
            self.stopping = True
            self.listener.close()  # the port stops taking connections once the workers close
            for slot in self.slots:  # a replacement not yet forked will not be
                if slot.due is not None:
                    self.worst = max(self.worst, abs(slot.code))
                    slot.due = None
        numbers, self.requested = self.requested, []  # a signal may add one meanwhile
        for number in numbers:
            for slot in self.slots:
                if slot.pid:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(slot.pid, number)

    def _reap(self, now: float) -> None:
        while True:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return
            if pid == 0:
                return
            for slot in self.slots:
                if slot.pid == pid:
                    self._ended(slot, os.waitstatus_to_exitcode(status), now)

    def _ended(self, slot: Slot, code: int, now: float) -> None:
        pid, lived, slot.pid, slot.code = slot.pid, now - slot.started, 0, code
        if self.stopping:
            # Killed by the signal we forwarded (before its handler was up): stopped as asked.
            if code and -code not in (signal.SIGTERM, signal.SIGINT):
                log.warning("webhook worker %d (pid %d) ended: %s", slot.index, pid, describe(code))
                self.worst = max(self.worst, abs(code))
            return
        if code == REFUSED:
            log.error(
                "webhook worker %d (pid %d) refused to start (%s); not starting it again",
                slot.index, pid, describe(code),
            )  # fmt: skip
            self.worst = max(self.worst, code)
            return
        slot.delay = next_delay(slot.delay, lived)
        slot.due = now + slot.delay
        log.warning(
            "webhook worker %d (pid %d) ended unexpectedly after %.0f s: %s; starting a new one "
            "in %.0f s", slot.index, pid, lived, describe(code), slot.delay,
        )  # fmt: skip

    def _fork(self, slot: Slot) -> None:
        # Blocked across the fork: the child must not run the parent's handlers, and a stop
        # signal that arrives meanwhile reaches the child once its own handling is in place.
        signal.pthread_sigmask(signal.SIG_BLOCK, WATCHED)
        try:
            pid = os.fork()
            if pid == 0:
                code = 1
                try:
                    self._undo_in_child()
                    code = self.work(slot.index)
                finally:
                    os._exit(code)  # never back into the parent's code
        except OSError as error:  # out of memory or processes: try again later, not give up
            slot.delay = next_delay(slot.delay, 0.0)
            slot.due = time.monotonic() + slot.delay
            log.error("webhook worker %d not forked (%s); trying again in %.0f s",
                      slot.index, error.strerror, slot.delay)  # fmt: skip
            return
        finally:
            signal.pthread_sigmask(signal.SIG_UNBLOCK, WATCHED)
        if slot.started:
            log.info("webhook worker %d started again (pid %d)", slot.index, pid)
        slot.pid, slot.started, slot.due = pid, time.monotonic(), None

    def _undo_in_child(self) -> None:
        """The parent's signal setup undone in a new worker, first generation or replacement."""
        for number, handler in self.originals.items():
            signal.signal(number, handler)
        signal.set_wakeup_fd(-1)
        for end in self.pipe:
            os.close(end)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, WATCHED)
