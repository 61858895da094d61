"""The process's Prometheus metrics: one registry per process, created at start-up.

Labels never hold a person: update types, outcomes, Bot API method names, job names and
campaign numbers only.
"""

from __future__ import annotations

from enum import StrEnum

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

PREFIX = "stadtstimme"
# Seconds; most updates take a few milliseconds, a slow database shows in the upper buckets.
UPDATE_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
CAMPAIGN = "campaign"  # the outbox kind of a campaign's messages; others go by Bot API method


class UpdateOutcome(StrEnum):
    """How the handling of one update ended."""

    HANDLED = "handled"
    UNHANDLED = "unhandled"  # no handler wanted it (or a middleware dropped it)
    ERROR = "error"
    OUTAGE = "outage"  # the database was unreachable: Telegram delivers it again


class SendOutcome(StrEnum):
    """What became of one outbox message the sender took up."""

    SENT = "sent"
    RETRY_AFTER = "retry_after"  # Telegram's 429: sent again after the pause
    UNREACHABLE = "unreachable"  # 403: the person blocked the bot
    REFUSED = "refused"  # 400: Telegram refused the call for good
    TRANSIENT = "transient"  # 5xx or network: tried again later
    EXPIRED = "expired"
    CANCELLED = "cancelled"


def outbox_kind(method: str, campaign_id: int | None) -> str:
    """A bounded label for an outbox row: campaign, or its Bot API method."""
    return CAMPAIGN if campaign_id is not None else method


class Metrics:
    """Every metric the bot exports, registered in a registry of this process's own."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        registry = self.registry
        self.updates = Counter(
            f"{PREFIX}_updates", "Updates handled, by type and outcome.",
            ("type", "outcome"), registry=registry,
        )  # fmt: skip
        self.update_seconds = Histogram(
            f"{PREFIX}_update_seconds", "Time to handle one update, middlewares included.",
            buckets=UPDATE_BUCKETS, registry=registry,
        )  # fmt: skip
        self.outbox_pending = Gauge(
            f"{PREFIX}_outbox_pending", "Outbox messages waiting to be sent, by kind.",
            ("kind",), registry=registry,
        )  # fmt: skip
        self.sent = Counter(
            f"{PREFIX}_sent", "Outbox messages this process took up, by kind and outcome.",
            ("kind", "outcome"), registry=registry,
        )  # fmt: skip
        self.retry_after = Counter(
            f"{PREFIX}_telegram_retry_after", "429 answers (flood control) from Telegram.",
            registry=registry,
        )  # fmt: skip
        self.sender_leader = Gauge(
            f"{PREFIX}_sender_leader", "1 while this process is the active sender.",
            registry=registry,
        )  # fmt: skip
        self.tick_lag = Gauge(
            f"{PREFIX}_scheduler_tick_lag_seconds",
            "How late the last run of a scheduler job started.", ("job",), registry=registry,
        )  # fmt: skip
        self.pool_in_use = Gauge(
            f"{PREFIX}_db_pool_in_use", "Database connections checked out of the pool.",
            registry=registry,
        )  # fmt: skip
        self.campaign_progress = Gauge(
            f"{PREFIX}_campaign_progress_ratio",
            "Share of a campaign's messages that reached an end state.", ("campaign",),
            registry=registry,
        )  # fmt: skip
        self.database_up = Gauge(
            f"{PREFIX}_database_up", "1 when the last scrape could read the database.",
            registry=registry,
        )  # fmt: skip
        self.up_since = Gauge(
            f"{PREFIX}_start_time_seconds", "When this process started (Unix time).",
            registry=registry,
        )  # fmt: skip
        self.up_since.set_to_current_time()

    def count_send(self, method: str, campaign_id: int | None, outcome: SendOutcome) -> None:
        """One outbox message's outcome."""
        self.sent.labels(outbox_kind(method, campaign_id), outcome).inc()
        if outcome is SendOutcome.RETRY_AFTER:
            self.retry_after.inc()
