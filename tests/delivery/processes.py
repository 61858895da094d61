"""Run `stadtstimme sender` as a real process and read its log as it goes."""

from __future__ import annotations

import asyncio
import os
import signal
import sys


class SenderProcess:
    """One sender process; its output lines are collected while it runs."""

    def __init__(self, env: dict[str, str]) -> None:
        self.env = {**os.environ, **env}
        self.lines: list[str] = []
        self.process: asyncio.subprocess.Process | None = None
        self.reader: asyncio.Task[None] | None = None

    async def start(self) -> SenderProcess:
        self.process = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot.cli", "sender",
            env=self.env, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        )  # fmt: skip
        self.reader = asyncio.create_task(self._read())
        return self

    async def _read(self) -> None:
        assert self.process is not None and self.process.stdout is not None
        async for line in self.process.stdout:
            self.lines.append(line.decode(errors="replace").rstrip())

    def said(self, text: str) -> bool:
        return any(text in line for line in self.lines)

    async def wait_for_line(self, text: str, seconds: float = 30.0) -> None:
        for _ in range(int(seconds * 20)):
            if self.said(text):
                return
            await asyncio.sleep(0.05)
        raise AssertionError(f"never said {text!r}: {self.lines[-20:]}")

    def kill(self) -> None:
        """SIGKILL: no cleanup, no goodbye — like a crash or an OOM kill."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)

    async def stop(self) -> int:
        assert self.process is not None
        if self.process.returncode is None:
            self.process.terminate()
        code = await asyncio.wait_for(self.process.wait(), 30)
        if self.reader is not None:
            await self.reader
        return code
