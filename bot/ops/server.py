"""/healthz, /readyz and /metrics on OPS_HOST:OPS_PORT, in every kind of bot process.

/healthz  200 while the event loop runs (it answers from the loop)
/readyz   200 when taking work, the database answers and its schema is current; else 503 and
          one line saying why (starting up, shutting down, database unreachable, schema behind)
/metrics  Prometheus text format; database-derived gauges are read at scrape time
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Protocol

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.ops.metrics import Metrics
from db import migrate
from db.repositories import ops as ops_rows

log = logging.getLogger(__name__)
CHECK_SECONDS = 3.0  # a probe that waits longer than this says "unreachable"


@dataclass
class Health:
    """What the process itself says about taking work (the database is asked per probe)."""

    ready: bool = False  # set once updates (or outbox messages) are being taken
    stopping: bool = False  # set on SIGTERM: Telegram and the proxy should go elsewhere


class OpsTarget(Protocol):
    """What the endpoints look at (the bot's Runtime)."""

    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    metrics: Metrics
    health: Health


@dataclass
class ProcessOps:
    """What the endpoints look at in a process without the bot's Runtime (the dashboard)."""

    engine: AsyncEngine
    session_factory: async_sessionmaker[AsyncSession]
    metrics: Metrics = field(default_factory=Metrics)
    health: Health = field(default_factory=Health)


async def not_ready_because(target: OpsTarget, head: str | None) -> str | None:
    """None when ready, else a one-line reason."""
    if target.health.stopping:
        return "shutting down"
    if not target.health.ready:
        return "starting up"
    try:
        async with asyncio.timeout(CHECK_SECONDS):
            revision = await migrate.current_revision(target.engine)
    except Exception as error:
        return f"database unreachable ({type(error).__name__})"
    if revision != head:
        return f"schema at {revision}, this version needs {head}: run `stadtstimme db upgrade`"
    return None


async def refresh(target: OpsTarget) -> None:
    """Gauges that live in the database (and the pool), read for this scrape."""
    metrics = target.metrics
    checked_out = getattr(target.engine.sync_engine.pool, "checkedout", None)
    if callable(checked_out):
        metrics.pool_in_use.set(checked_out())
    try:
        async with asyncio.timeout(CHECK_SECONDS), target.session_factory() as session:
            pending = await ops_rows.pending_by_kind(session)
            progress = await ops_rows.sending_campaign_progress(session)
    except Exception as error:  # the scrape still answers; the gauges keep their last values
        metrics.database_up.set(0)
        log.warning("metrics: database unreachable (%s)", type(error).__name__)
        return
    metrics.database_up.set(1)
    metrics.outbox_pending.clear()
    for kind, count in pending.items():
        metrics.outbox_pending.labels(kind).set(count)
    metrics.campaign_progress.clear()
    for campaign, ratio in progress.items():
        metrics.campaign_progress.labels(str(campaign)).set(ratio)


def build_ops_app(target: OpsTarget) -> web.Application:
    """The three endpoints."""
    head = migrate.head_revision()

    async def healthz(_request: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def readyz(_request: web.Request) -> web.Response:
        reason = await not_ready_because(target, head)
        if reason is None:
            return web.Response(text="ready\n")
        return web.Response(status=503, text=f"not ready: {reason}\n")

    async def metrics(_request: web.Request) -> web.Response:
        await refresh(target)
        body = generate_latest(target.metrics.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    app = web.Application()
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/readyz", readyz)
    app.router.add_get("/metrics", metrics)
    return app


@contextlib.asynccontextmanager
async def serving_ops(target: OpsTarget, host: str, port: int) -> AsyncIterator[None]:
    """Serve the endpoints for the life of the block; a port in use is logged, not fatal
    (the bot keeps answering residents; Prometheus shows the target down)."""
    runner: web.AppRunner | None = None
    if port:
        runner = web.AppRunner(build_ops_app(target), access_log=None, shutdown_timeout=1.0)
        await runner.setup()
        try:
            await web.TCPSite(runner, host, port).start()
            log.info("health and metrics on http://%s:%s (/healthz /readyz /metrics)", host, port)
        except OSError as error:
            # One line that says what to change: two processes on one host need a port each.
            log.error(
                "health and metrics not served: %s:%s: %s; give this process a free OPS_PORT "
                "(each process on one host needs its own)", host, port, error.strerror,
            )  # fmt: skip
            await runner.cleanup()
            runner = None
    try:
        yield
    finally:
        if runner is not None:
            await runner.cleanup()
