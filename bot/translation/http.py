"""What both clients share: a per-minute budget, timeouts, retries with backoff on 429/5xx."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp

from bot.services.translation.engine import TranslationUnavailable

ATTEMPTS = 3
BACKOFF = 0.5  # seconds before the second attempt; doubled before each further one
# A provider asking us to wait longer than this: give up now, the tick tries again later.
LONGEST_WAIT = 30.0
RETRIED = {429, 500, 502, 503, 504}


class MinuteBudget:
    """At most `per_minute` requests in any 60 seconds (a sliding window)."""

    def __init__(self, per_minute: int, now: Callable[[], float] = time.monotonic) -> None:
        self.per_minute, self._now = per_minute, now
        self._sent: deque[float] = deque()

    def take(self) -> bool:
        """Count one request if the budget allows it; False when the minute is used up."""
        now = self._now()
        while self._sent and now - self._sent[0] >= 60:
            self._sent.popleft()
        if len(self._sent) >= self.per_minute:
            return False
        self._sent.append(now)
        return True


def retry_after(response: aiohttp.ClientResponse, attempt: int) -> float:
    """Seconds to wait before the next attempt: Retry-After (seconds) if given, else backoff."""
    header = response.headers.get("Retry-After", "")
    if header.strip().isdigit():
        return float(header.strip())
    return BACKOFF * 2 ** (attempt - 1)


async def _error_text(response: aiohttp.ClientResponse) -> str:
    """The provider's own words ({"error": …} / {"message": …}), else the status."""
    try:
        body = await response.json(content_type=None)
    except (aiohttp.ContentTypeError, ValueError):
        return f"HTTP {response.status}"
    if isinstance(body, dict):
        said = body.get("error") or body.get("message")
        if said:
            return f"HTTP {response.status}: {str(said)[:200]}"
    return f"HTTP {response.status}"


class Transport:
    """One provider's HTTP: timeouts, the budget, retries; TranslationUnavailable on failure."""

    def __init__(
        self,
        timeout: float,
        per_minute: int,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.timeout = aiohttp.ClientTimeout(total=timeout)
        self.budget = MinuteBudget(per_minute)
        self._sleep = sleep

    async def request(
        self, method: str, url: str, *, json: Any = None, headers: dict[str, str] | None = None
    ) -> Any:
        """The JSON answer of one call, retried on 429, 5xx and network errors."""
        problem = "no attempt"
        async with aiohttp.ClientSession(timeout=self.timeout) as http:
            for attempt in range(1, ATTEMPTS + 1):
                wait = BACKOFF * 2 ** (attempt - 1)
                if not self.budget.take():  # every attempt counts: the provider sees each
                    raise TranslationUnavailable("per-minute budget used up")
                try:
                    async with http.request(method, url, json=json, headers=headers) as response:
                        if response.status < 300:
                            return await response.json(content_type=None)
                        problem = await _error_text(response)
                        if response.status not in RETRIED:
                            raise TranslationUnavailable(problem, refused=True)
                        wait = retry_after(response, attempt)
                except (aiohttp.ClientError, TimeoutError) as error:
                    problem = f"{type(error).__name__}: {error}"[:200]
                except ValueError as error:  # an answer that is not JSON
                    raise TranslationUnavailable(f"unreadable answer: {error}") from None
                if attempt == ATTEMPTS or wait > LONGEST_WAIT:
                    break
                await self._sleep(wait)
        raise TranslationUnavailable(problem)
