"""How often the sender looks for work and writes down what it sent."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Intervals:
    """The sender's polling and writing intervals in seconds; the defaults are production's.

    Tests about *what* is sent shorten them so a test does not sit out half-second polls;
    the tests about *when* (tests/delivery) keep these.
    """

    # Look for due rows this often while none are claimed; also the housekeeping round.
    idle_poll: float = 0.5
    # Results are written at least this often; unwritten ones count as in flight after a crash.
    flush_every: float = 0.25
    # A standby sender tries for the role this often; the leader renews it as often.
    standby_poll: float = 2.0
