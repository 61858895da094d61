"""Taking the database away and back: a TCP proxy for PostgreSQL, a moved file for SQLite."""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine


class PostgresOutage:
    """A TCP proxy in front of PostgreSQL; `begin` closes it and cuts every connection."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        self.upstream = (parsed.host or "127.0.0.1", parsed.port or 5432)
        self.parsed = parsed
        self.server: asyncio.Server | None = None
        self.port = 0
        self.writers: set[asyncio.StreamWriter] = set()

    @property
    def url(self) -> str:
        """The database URL through the proxy."""
        return self.parsed.set(host="127.0.0.1", port=self.port).render_as_string(
            hide_password=False
        )

    async def start(self) -> None:
        """Listen (on the same port again after an outage)."""
        self.server = await asyncio.start_server(self._connect, "127.0.0.1", self.port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def _connect(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection(*self.upstream)
        self.writers |= {writer, up_writer}
        await asyncio.gather(
            self._pipe(reader, up_writer), self._pipe(up_reader, writer), return_exceptions=True
        )

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        finally:
            writer.close()
            self.writers.discard(writer)

    async def begin(self, engine: AsyncEngine) -> None:
        """The database is gone: the port is closed, open connections are cut."""
        assert self.server is not None
        self.server.close()
        for writer in list(self.writers):
            writer.transport.abort()
        await self.server.wait_closed()

    async def end(self) -> None:
        """The database is back."""
        await self.start()

    async def stop(self) -> None:
        """Close everything at the end of the test."""
        if self.server is not None and self.server.is_serving():
            await self.begin(None)  # type: ignore[arg-type]


class SqliteOutage:
    """The SQLite file can't be opened (e.g. its volume is gone): the path leads to a directory.

    Each swap is one atomic rename, so a connection opened by aiosqlite's thread at any moment
    finds either the whole database or nothing it can open — never a fresh, empty file.
    """

    def __init__(self, url: str) -> None:
        self.url = url
        self.path = Path(make_url(url).database or "")
        self.hidden = self.path.with_name(self.path.name + ".away")

    async def start(self) -> None:
        """Nothing to start."""

    async def begin(self, engine: AsyncEngine) -> None:
        """Move the files away; opening the path now fails."""
        await engine.dispose()  # open connections would keep using the moved file
        self._move_away()

    async def end(self) -> None:
        """Put the files back."""
        self._move_back()

    def _move_away(self) -> None:
        self.hidden.mkdir()
        blocked = self.hidden / "blocked"
        blocked.mkdir()
        # The main file first: from then on nothing can open the database at all.
        for suffix in ("", "-wal", "-shm"):
            source = Path(str(self.path) + suffix)
            if source.exists():
                os.link(source, self.hidden / (self.path.name + suffix))
                link = self.hidden / f"link{suffix}"
                link.symlink_to(blocked)
                os.replace(link, source)  # the file's name now leads to a directory

    def _move_back(self) -> None:
        # The main file last: until then nothing can open the database, and once it is back
        # its WAL is back as well.
        for suffix in ("-wal", "-shm", ""):
            kept = self.hidden / (self.path.name + suffix)
            if kept.exists():
                os.replace(kept, Path(str(self.path) + suffix))
        shutil.rmtree(self.hidden)

    async def stop(self) -> None:
        """Undo a still-running outage."""
        if self.hidden.exists():
            self._move_back()


def outage_for(url: str) -> PostgresOutage | SqliteOutage:
    """The outage simulation that fits the database."""
    return SqliteOutage(url) if url.startswith("sqlite") else PostgresOutage(url)
