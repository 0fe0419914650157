"""Failed logins and client secrets: growing delays per account and client address together.

The rule (issue 13), with the default settings in brackets:

- Attempts are counted per *pair*: the account (the e-mail address, case-insensitive; for
  ``/auth/token`` the client id) together with the client address (:mod:`gateway.runtime`). The
  first ``login_free_failures`` [5] consecutive failed attempts of a pair cost nothing; after the
  k-th failure past them the pair waits ``login_delay_base_seconds · 2^(k-1)`` [1 s, 2 s, 4 s, …]
  before its next attempt, at most ``login_delay_max_seconds`` [900 s]. A success clears the pair;
  so does time: ``login_failure_memory_seconds`` [1 h] after its last wait has ended.
- A pair's wait holds back that pair only. The same account from another address, and every other
  account from the same address (an office behind one LGWAN or ingress address), log in as usual.
- Against spraying many accounts from one address: past ``login_max_failures_per_address`` [300]
  failures within ``login_address_window_seconds`` [15 min] (logins and client secrets counted
  apart), the address waits for the window's end. One office's normal use stays far below: 300
  people each mistyping once in the same quarter hour.
- An attempt is counted *before* its secret is checked, so parallel guesses cannot slip between a
  check and its count; a success then clears the pair. Known and unknown accounts are counted
  alike, so the throttle tells nothing about which accounts exist.

The counters live in the gateway's database by default, where every replica and worker sees the
same ones (``throttle_store = "memory"`` keeps them in this process: for one gateway process only).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol

import structlog

from chiiki_common import clock
from chiiki_common.errors import TooManyRequests
from gateway.settings import Settings

log = structlog.get_logger("gateway.throttle")

CLAIM_TRIES = 5
"""Compare-and-set rounds before a burst of parallel attempts on one pair is told to wait."""


class Kind(StrEnum):
    login = "login"
    client = "client"


@dataclass(frozen=True)
class Counter:
    failures: int
    blocked_until: datetime | None
    expires_at: datetime


class FailureStore(Protocol):
    """Where counters live: :class:`gateway.throttle.repository.DatabaseFailureStore` or
    :class:`gateway.throttle.memory.MemoryFailureStore`. Each call is atomic on its own."""

    async def get(self, key: str) -> Counter | None: ...

    async def insert(self, key: str, counter: Counter) -> bool:
        """Store ``counter`` unless ``key`` has one; whether it was stored."""
        ...

    async def replace(self, key: str, expected_failures: int, counter: Counter) -> bool:
        """Store ``counter`` if ``key`` still holds ``expected_failures``; whether it did."""
        ...

    async def delete(self, key: str) -> None: ...

    async def add_failure(self, key: str, now: datetime, window: timedelta) -> None:
        """One more failure in ``key``'s window (a new window when the last one has ended)."""
        ...

    async def prune(self, now: datetime) -> int:
        """Delete expired counters; how many."""
        ...


@dataclass(frozen=True)
class Attempt:
    """An admitted attempt, counted already: report how it ended."""

    kind: Kind
    pair_key: str
    address_key: str


_TITLES = {
    Kind.login: "ログインの試行が多すぎます",
    Kind.client: "クライアント認証の試行が多すぎます",
}
_PAIR_REASONS = {
    Kind.login: "このメールアドレスでのログインに続けて失敗したため、この接続元からのログインを"
    "一時的に受け付けていません。",
    Kind.client: "このクライアントIDでの認証に続けて失敗したため、この接続元からの認証を"
    "一時的に受け付けていません。",
}
_ADDRESS_REASONS = {
    Kind.login: "この接続元からのログインの失敗が多いため、一時的にログインを受け付けていません。",
    Kind.client: "この接続元からのクライアント認証の失敗が多いため、一時的に受け付けていません。",
}


class Throttled(TooManyRequests):
    """429 with ``Retry-After`` and, in the detail, when to try again (seconds, or minutes and the
    JST time)."""

    slug = "auth-throttled"

    def __init__(self, kind: Kind, reason: str, wait: timedelta) -> None:
        seconds = max(1, math.ceil(wait.total_seconds()))
        headers = {"Retry-After": str(seconds)}
        extra: dict[str, object] = {}
        if kind is Kind.client:
            # RFC 6749 clients look for ``error``; the token answer is never cached
            headers |= {"Cache-Control": "no-store", "Pragma": "no-cache"}
            extra |= {"error": "slow_down", "error_description": _TITLES[kind]}
        super().__init__(
            reason + retry_hint(seconds), title=_TITLES[kind], headers=headers, extra=extra
        )


def retry_hint(seconds: int, now: datetime | None = None) -> str:
    """「30秒後に再度お試しください。」 or 「約15分後（10:15以降）に再度お試しください。」 (JST)."""
    if seconds < 60:
        return f"{seconds}秒後に再度お試しください。"
    moment = clock.to_jst((now or clock.now()) + timedelta(seconds=seconds))
    if moment.second or moment.microsecond:
        moment = moment.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return f"約{math.ceil(seconds / 60)}分後（{moment:%H:%M}以降）に再度お試しください。"


def _key(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class AuthThrottle:
    def __init__(self, store: FailureStore, settings: Settings) -> None:
        self.store = store
        self.free = settings.login_free_failures
        self.base = settings.login_delay_base_seconds
        self.cap = timedelta(seconds=settings.login_delay_max_seconds)
        self.memory = timedelta(seconds=settings.login_failure_memory_seconds)
        self.per_address = settings.login_max_failures_per_address
        self.window = timedelta(seconds=settings.login_address_window_seconds)

    def delay(self, failures: int) -> timedelta:
        """The wait after a pair's ``failures``-th consecutive failure."""
        past_free = failures - self.free
        if past_free <= 0:
            return timedelta(0)
        # past ~40 doublings any base exceeds any cap; the bound keeps the float finite
        return min(timedelta(seconds=self.base * 2.0 ** min(past_free - 1, 40)), self.cap)

    async def admit(self, kind: Kind, account: str, address: str) -> Attempt:
        """Count an attempt of ``account`` from ``address``, or raise :class:`Throttled`."""
        now = clock.now()
        attempt = Attempt(
            kind,
            pair_key=_key(kind, "pair", account.strip().lower(), address),
            address_key=_key(kind, "address", address),
        )
        spraying = await self.store.get(attempt.address_key)
        if spraying and spraying.expires_at > now and spraying.failures >= self.per_address:
            log.warning("auth.throttle.address", kind=kind.value)
            raise Throttled(kind, _ADDRESS_REASONS[kind], spraying.expires_at - now)
        for _ in range(CLAIM_TRIES):
            stored = await self.store.get(attempt.pair_key)
            live = stored if stored and stored.expires_at > now else None
            if live and live.blocked_until and live.blocked_until > now:
                log.info("auth.throttle.pair", kind=kind.value, failures=live.failures)
                raise Throttled(kind, _PAIR_REASONS[kind], live.blocked_until - now)
            failures = (live.failures if live else 0) + 1
            blocked_until = now + self.delay(failures)
            counter = Counter(failures, blocked_until, blocked_until + self.memory)
            if stored is None:
                claimed = await self.store.insert(attempt.pair_key, counter)
            else:
                claimed = await self.store.replace(attempt.pair_key, stored.failures, counter)
            if claimed:
                return attempt
        raise Throttled(kind, _PAIR_REASONS[kind], timedelta(seconds=1))

    async def failed(self, attempt: Attempt) -> None:
        """The secret was wrong (the pair has counted it already): count it for the address."""
        await self.store.add_failure(attempt.address_key, clock.now(), self.window)

    async def succeeded(self, attempt: Attempt) -> None:
        await self.store.delete(attempt.pair_key)

    async def prune(self) -> int:
        return await self.store.prune(clock.now())
