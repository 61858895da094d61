"""Which processes a `--workers` parent has, and which of them holds a port (from /proc)."""

from __future__ import annotations

import os
from pathlib import Path

LISTEN = "0A"  # the state column of /proc/net/tcp


def children(pid: int) -> list[int]:
    return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists()


def listening_inodes(port: int) -> set[str]:
    """The socket inodes listening on `port` (IPv4; the health ports are on 127.0.0.1)."""
    rows = Path("/proc/net/tcp").read_text().splitlines()[1:]
    return {
        row.split()[9]
        for row in rows
        if row.split()[3] == LISTEN and int(row.split()[1].rsplit(":", 1)[1], 16) == port
    }


def holder(parent: int, port: int) -> int | None:
    """The pid of the parent's child that listens on `port` (a worker's health port)."""
    wanted = {f"socket:[{inode}]" for inode in listening_inodes(port)}
    for pid in children(parent):
        try:
            names = {os.readlink(f"/proc/{pid}/fd/{fd}") for fd in os.listdir(f"/proc/{pid}/fd")}
        except (FileNotFoundError, ProcessLookupError):
            continue  # ended meanwhile
        if names & wanted:
            return pid
    return None
