"""A token bucket per client address, for the speech endpoints.

Synthesis costs CPU on the server; a page read aloud asks for one sentence
every few seconds, a script hammering the endpoint asks for hundreds. The
bucket lets a reader's burst through (opening a page plans and fetches the
first sentences at once) and refills at the configured rate. Clients are
kept in a bounded LRU, so the table cannot be grown without limit.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from cachetools import LRUCache


class RateLimiter:
    def __init__(self, per_minute: int, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self._buckets: LRUCache[str, tuple[float, float]] = LRUCache(maxsize=50_000)

    def allow(self, client: str) -> float:
        """0 if the request may go ahead, else the seconds until it may (for Retry-After)."""
        now = self.clock()
        tokens, last = self._buckets.get(client, (self.burst, now))
        tokens = min(self.burst, tokens + (now - last) * self.rate)
        if tokens >= 1.0:
            self._buckets[client] = (tokens - 1.0, now)
            return 0.0
        self._buckets[client] = (tokens, now)
        return (1.0 - tokens) / self.rate
