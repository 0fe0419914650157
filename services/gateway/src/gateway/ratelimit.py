"""In-process limits: a token bucket per caller, and failure counters per client IP."""

from __future__ import annotations

import math
import time
from collections import OrderedDict


class TokenBucket:
    """``rate`` requests per second with bursts up to ``burst``, one bucket per key (bounded)."""

    def __init__(self, rate: float, burst: int, *, max_keys: int = 100_000) -> None:
        self.rate, self.burst, self._max = rate, burst, max_keys
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def retry_after(self, key: str) -> int | None:
        """Take one token; ``None`` when allowed, else the seconds to wait."""
        now = time.monotonic()
        tokens, stamp = self._buckets.get(key, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - stamp) * self.rate)
        if tokens < 1.0:
            self._buckets[key] = (tokens, now)
            return max(1, math.ceil((1.0 - tokens) / self.rate))
        self._buckets[key] = (tokens - 1.0, now)
        self._buckets.move_to_end(key)
        if len(self._buckets) > self._max:
            self._buckets.popitem(last=False)
        return None


class FailureWindow:
    """Counts failures per key in a fixed window; past ``limit`` the key waits for the window."""

    def __init__(self, limit: int, window_seconds: int, *, max_keys: int = 100_000) -> None:
        self.limit, self.window, self._max = limit, window_seconds, max_keys
        self._failures: OrderedDict[str, tuple[int, float]] = OrderedDict()

    def retry_after(self, key: str) -> int | None:
        count, started = self._failures.get(key, (0, 0.0))
        remaining = started + self.window - time.monotonic()
        if count >= self.limit and remaining > 0:
            return math.ceil(remaining)
        return None

    def fail(self, key: str) -> None:
        now = time.monotonic()
        count, started = self._failures.get(key, (0, now))
        if started + self.window <= now:
            count, started = 0, now
        self._failures[key] = (count + 1, started)
        self._failures.move_to_end(key)
        if len(self._failures) > self._max:
            self._failures.popitem(last=False)
