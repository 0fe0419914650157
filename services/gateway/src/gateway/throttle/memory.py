"""The throttle's counters in this process only (``throttle_store = "memory"``): for a gateway
that runs as exactly one process. Bounded: the least recently touched counters go first."""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime, timedelta

from gateway.throttle.service import Counter


class MemoryFailureStore:
    """No call awaits anything, so each one is atomic on the event loop."""

    def __init__(self, max_keys: int = 100_000) -> None:
        self._counters: OrderedDict[str, Counter] = OrderedDict()
        self._max = max_keys

    async def get(self, key: str) -> Counter | None:
        return self._counters.get(key)

    async def insert(self, key: str, counter: Counter) -> bool:
        if key in self._counters:
            return False
        self._put(key, counter)
        return True

    async def replace(self, key: str, expected_failures: int, counter: Counter) -> bool:
        stored = self._counters.get(key)
        if stored is None or stored.failures != expected_failures:
            return False
        self._put(key, counter)
        return True

    async def delete(self, key: str) -> None:
        self._counters.pop(key, None)

    async def add_failure(self, key: str, now: datetime, window: timedelta) -> None:
        stored = self._counters.get(key)
        if stored is None or stored.expires_at <= now:
            self._put(key, Counter(1, None, now + window))
        else:
            self._put(key, Counter(stored.failures + 1, None, stored.expires_at))

    async def prune(self, now: datetime) -> int:
        expired = [key for key, counter in self._counters.items() if counter.expires_at <= now]
        for key in expired:
            del self._counters[key]
        return len(expired)

    def _put(self, key: str, counter: Counter) -> None:
        self._counters[key] = counter
        self._counters.move_to_end(key)
        while len(self._counters) > self._max:
            self._counters.popitem(last=False)
