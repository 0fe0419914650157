"""Request rate limits of this gateway process: token buckets per caller and per client address.

Signed-in callers are limited per user or machine client (on the proxy path and on the gateway's
own routes, :func:`gateway.sessions.auth.limit_caller`), never per address, so an office behind
one address is not limited as one caller. Anonymous routes are limited per client address here:
open data and the API document [20 requests/s, bursts of 200], the JWKS [50/s, bursts of 500].
The buckets live in each process (with two workers an address may get up to twice as much); the
login and token failure counters, which must hold across processes, are in :mod:`gateway.throttle`.
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from chiiki_common.errors import TooManyRequests, problem_response

PUBLIC_PREFIXES = ("/public/v1/", "/openapi.json", "/docs")
KEYS_PATH = "/.well-known/jwks.json"


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


def too_many(seconds: int) -> TooManyRequests:
    return TooManyRequests(
        f"{seconds}秒後に再度お試しください。", headers={"Retry-After": str(seconds)}
    )


class AddressBuckets:
    def __init__(self, public: TokenBucket, keys: TokenBucket) -> None:
        self.public, self.keys = public, keys

    def retry_after(self, path: str, address: str) -> int | None:
        if path == KEYS_PATH:
            return self.keys.retry_after(address)
        if path.startswith(PUBLIC_PREFIXES) or path == "/public/v1":
            return self.public.retry_after(address)
        return None


class AddressRateLimitMiddleware:
    """Pure ASGI, in front of the proxy: anonymous routes answer 429 past their address's bucket."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            buckets: AddressBuckets = scope["app"].state.gateway.address_limits
            client = scope.get("client")
            retry = buckets.retry_after(scope["path"], client[0] if client else "unknown")
            if retry is not None:
                refused = too_many(retry)
                response = problem_response(
                    Request(scope), refused.status, detail=refused.detail, headers=refused.headers
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
