"""What the database tests share: a clock that stands still."""

from __future__ import annotations

from datetime import datetime


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.moment = now

    def now(self) -> datetime:
        return self.moment
