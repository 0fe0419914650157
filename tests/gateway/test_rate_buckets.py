"""The request-rate buckets are one budget for every gateway process (in the gateway's database),
spent by each process in small leases, and keep requests flowing when the database is away."""

from __future__ import annotations

import asyncio
import time

from sqlalchemy.ext.asyncio import AsyncEngine

from chiiki_common.db import create_engine
from gateway import MIGRATIONS
from gateway.ratelimit.service import SharedTokenBucket
from tests.fixtures.databases import DatabaseFactory


async def _engines(backend: str, database_factory: DatabaseFactory) -> tuple[AsyncEngine, ...]:
    url = database_factory.fresh(backend, "gateway", MIGRATIONS)
    return create_engine(url), create_engine(url)


async def test_two_processes_share_one_budget(
    backend: str, database_factory: DatabaseFactory
) -> None:
    first_engine, second_engine = await _engines(backend, database_factory)
    try:
        # what two gateway replicas build from the same settings
        first = SharedTokenBucket(first_engine, name="public", rate=0.5, burst=40)
        second = SharedTokenBucket(second_engine, name="public", rate=0.5, burst=40)
        assert first.lease == 1  # a quarter second of the rate, at least one token
        answers = [await (first, second)[n % 2].retry_after("192.0.2.10") for n in range(60)]
        allowed = answers.count(None)
        assert 40 <= allowed <= 42, answers  # two separate buckets would allow 60
        refused = [a for a in answers if a is not None]
        assert refused
        assert all(seconds >= 1 for seconds in refused)
        # another caller has a budget of its own
        assert await first.retry_after("192.0.2.11") is None
        # and another limit with the same caller too
        other = SharedTokenBucket(first_engine, name="keys", rate=0.5, burst=40)
        assert await other.retry_after("192.0.2.10") is None
    finally:
        await first_engine.dispose()
        await second_engine.dispose()


async def test_a_lease_is_spent_locally_and_given_up_after_a_second(
    backend: str, database_factory: DatabaseFactory
) -> None:
    first_engine, second_engine = await _engines(backend, database_factory)
    try:
        first = SharedTokenBucket(first_engine, name="user", rate=40, burst=200)
        second = SharedTokenBucket(second_engine, name="user", rate=40, burst=200)
        assert first.lease == 10
        taken = 0
        original = first._take

        async def counting(hashed: str, want: int) -> tuple[int, float]:
            nonlocal taken
            taken += 1
            return await original(hashed, want)

        first._take = counting  # type: ignore[method-assign]
        for _ in range(30):
            assert await first.retry_after("user:1") is None
        assert taken == 3  # one database round trip per ten requests
        # the other process spends what is left of the burst (and what refills meanwhile)
        spent = 0
        while await second.retry_after("user:1") is None and spent < 400:
            spent += 1
        assert 150 <= spent < 400, spent  # the burst less what the first spent, plus the refill
        await asyncio.sleep(1.1)  # the first process's unused lease has lapsed, the bucket refilled
        assert await first.retry_after("user:1") is None
    finally:
        await first_engine.dispose()
        await second_engine.dispose()


async def test_without_the_database_each_process_limits_on_its_own() -> None:
    engine = create_engine("postgresql+asyncpg://nobody@127.0.0.1:9/none")
    try:
        bucket = SharedTokenBucket(engine, name="public", rate=0.5, burst=3)
        answers = [await bucket.retry_after("192.0.2.10") for _ in range(5)]
        assert answers[:3] == [None, None, None]  # requests keep flowing
        assert all(a is not None for a in answers[3:])  # still limited, by this process
    finally:
        await engine.dispose()


async def test_requests_of_one_caller_at_once_share_one_lease_within_the_burst(
    backend: str, database_factory: DatabaseFactory
) -> None:
    first_engine, second_engine = await _engines(backend, database_factory)
    try:
        bucket = SharedTokenBucket(first_engine, name="user", rate=50, burst=200)
        assert bucket.lease == 10
        taken = 0
        original = bucket._take

        async def counting(hashed: str, want: int) -> tuple[int, float]:
            nonlocal taken
            taken += 1
            return await original(hashed, want)

        bucket._take = counting  # type: ignore[method-assign]
        # a screen asking 32 things at once: within the burst of 200, so none is refused (one
        # lease each would ask the bucket for 320 tokens and refuse twelve of them)
        answers = await asyncio.gather(*(bucket.retry_after("user:7") for _ in range(32)))
        assert answers == [None] * 32
        assert taken <= 4  # ten requests per round trip, not one each
        # the budget still holds: far past the burst, requests at once are refused; what the
        # bucket refills while the flood is answered (50 a second) is all that is added to it
        started = time.monotonic()
        flood = await asyncio.gather(*(bucket.retry_after("user:7") for _ in range(400)))
        refilled = 50 * (time.monotonic() - started) + bucket.lease
        assert 150 <= flood.count(None) <= 200 + refilled, (flood.count(None), refilled)
        assert all(seconds >= 1 for seconds in flood if seconds is not None)
    finally:
        await first_engine.dispose()
        await second_engine.dispose()


async def test_requests_waiting_for_a_lease_fall_back_together_without_the_database() -> None:
    engine = create_engine("postgresql+asyncpg://nobody@127.0.0.1:9/none")
    try:
        bucket = SharedTokenBucket(engine, name="public", rate=0.5, burst=3)
        answers = await asyncio.gather(*(bucket.retry_after("192.0.2.10") for _ in range(5)))
        assert answers.count(None) == 3  # this process's own bucket: the burst, then refused
    finally:
        await engine.dispose()
