"""Request rate limits: token buckets per caller and per client address, one budget across every
gateway process.

Signed-in callers are limited per user or machine client (on the proxy path and on the gateway's
own routes, :func:`gateway.sessions.auth.limit_caller`), never per address, so an office behind
one address is not limited as one caller. Anonymous routes are limited per client address here:
open data and the API document [20 requests/s, bursts of 200], the JWKS [50/s, bursts of 500].

The buckets live in the gateway's database (:class:`SharedTokenBucket`), so two replicas give an
address or a user the same budget as one. A process does not ask the database for every request:
it takes a small lease of tokens (at most a twentieth of the burst and a quarter second of the rate)
and spends it locally for up to a second, so the budget holds across replicas to within one lease
per process. If the database does not answer, each process falls back to its own bucket (requests
keep flowing; the sign-in throttle, :mod:`gateway.throttle`, stays on the database).
"""

from __future__ import annotations

import asyncio
import hashlib
import math
import time
from collections import OrderedDict
from typing import Protocol

import structlog
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from chiiki_common.errors import TooManyRequests, problem_response
from gateway.ratelimit import repository as repo

log = structlog.get_logger("gateway.ratelimit")

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


class Bucket(Protocol):
    async def retry_after(self, key: str) -> int | None: ...


class LocalTokenBucket:
    """This process's :class:`TokenBucket` behind the async interface (``throttle_store=memory``)."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate, self.burst = rate, burst
        self._bucket = TokenBucket(rate, burst)

    async def retry_after(self, key: str) -> int | None:
        return self._bucket.retry_after(key)


LEASE_SECONDS = 1.0
"""How long a process may spend a lease before it gives the rest up."""
PRUNE_EVERY = 1000
"""Take-backs between two deletions of the buckets that are full again (forgotten callers)."""
_GRANTED = object()
"""A lease was taken: the requests that waited for it spend from it."""
_FALLBACK = object()
"""The database did not answer: the requests that waited use this process's own bucket."""


class SharedTokenBucket:
    """``rate`` requests per second with bursts up to ``burst`` per key, in the gateway's database;
    each process spends leases of tokens taken from it (see the module's docstring)."""

    def __init__(
        self, engine: AsyncEngine, *, name: str, rate: float, burst: int, max_keys: int = 100_000
    ) -> None:
        self._engine, self._name = engine, name
        self.rate, self.burst = rate, burst
        self.lease = max(1, min(burst // 20, math.ceil(rate / 4)))
        self._leases: OrderedDict[str, tuple[int, float]] = OrderedDict()
        self._max = max_keys
        self._fallback = TokenBucket(rate, burst, max_keys=max_keys)
        self._takes = 0
        self._pending: dict[str, asyncio.Future[object]] = {}

    def _hash(self, key: str) -> str:
        return hashlib.sha256(f"{self._name}\0{key}".encode()).hexdigest()

    async def retry_after(self, key: str) -> int | None:
        """Take one token; ``None`` when allowed, else the seconds to wait.

        Requests of one key that find the lease spent while another of them is already taking the
        next one wait for it and spend from it (one round trip, one lease), instead of each taking a
        lease of its own: 32 requests of one user at once would otherwise ask for 32 leases, more
        than the burst holds, and be refused although they are within it."""
        while True:
            now = time.monotonic()
            left, until = self._leases.get(key, (0, 0.0))
            if left > 0 and now < until:
                self._leases[key] = (left - 1, until)
                return None
            pending = self._pending.get(key)
            if pending is None:
                break
            outcome = await asyncio.shield(pending)
            if outcome is _FALLBACK:
                return self._fallback.retry_after(key)
            if isinstance(outcome, int):
                return outcome
            # a lease was granted (or its taker went away): spend from it, or take the next one
        taking: asyncio.Future[object] = asyncio.get_running_loop().create_future()
        self._pending[key] = taking
        try:
            return await self._renew(key, taking)
        finally:
            if not taking.done():
                taking.set_result(_GRANTED)  # cancelled: whoever waits takes a lease itself
            if self._pending.get(key) is taking:
                del self._pending[key]

    async def _renew(self, key: str, taking: asyncio.Future[object]) -> int | None:
        """Take the next lease for ``key``, spend one token of it, and tell the waiters."""
        try:
            granted, available = await self._take(self._hash(key), self.lease)
        except (SQLAlchemyError, OSError) as exc:
            log.warning("gateway.ratelimit.database_unavailable", error=str(exc))
            taking.set_result(_FALLBACK)
            return self._fallback.retry_after(key)
        if granted < 1:
            self._leases.pop(key, None)
            wait = max(1, math.ceil((1.0 - available) / self.rate))
            taking.set_result(wait)
            return wait
        self._leases[key] = (granted - 1, time.monotonic() + LEASE_SECONDS)
        self._leases.move_to_end(key)
        if len(self._leases) > self._max:
            self._leases.popitem(last=False)
        taking.set_result(_GRANTED)
        return None

    async def _take(self, hashed: str, want: int) -> tuple[int, float]:
        """Refill the bucket to now and take up to ``want`` whole tokens, in one transaction (the
        row locked on PostgreSQL); returns what was granted and what was there."""
        now = time.time()
        async with self._engine.begin() as connection:
            await repo.create_bucket(connection, hashed, tokens=float(self.burst), stamp=now)
            tokens, stamp = await repo.locked_bucket(connection, hashed)
            available = min(float(self.burst), tokens + max(0.0, now - stamp) * self.rate)
            granted = min(want, math.floor(available))
            await repo.set_bucket(connection, hashed, tokens=available - granted, stamp=now)
            self._takes += 1
            if self._takes % PRUNE_EVERY == 0:
                # a bucket untouched for as long as it takes to fill up is full: forget it
                full_again = now - self.burst / self.rate - 60
                await repo.delete_buckets_before(connection, full_again)
        return granted, available


def too_many(seconds: int) -> TooManyRequests:
    return TooManyRequests(
        f"{seconds}秒後に再度お試しください。", headers={"Retry-After": str(seconds)}
    )


class AddressBuckets:
    def __init__(self, public: Bucket, keys: Bucket) -> None:
        self.public, self.keys = public, keys

    async def retry_after(self, path: str, address: str) -> int | None:
        if path == KEYS_PATH:
            return await self.keys.retry_after(address)
        if path.startswith(PUBLIC_PREFIXES) or path == "/public/v1":
            return await self.public.retry_after(address)
        return None


class AddressRateLimitMiddleware:
    """Pure ASGI, in front of the proxy: anonymous routes answer 429 past their address's bucket."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            buckets: AddressBuckets = scope["app"].state.gateway.address_limits
            client = scope.get("client")
            retry = await buckets.retry_after(scope["path"], client[0] if client else "unknown")
            if retry is not None:
                refused = too_many(retry)
                response = problem_response(
                    Request(scope), refused.status, detail=refused.detail, headers=refused.headers
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
