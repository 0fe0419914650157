"""The event feed's long poll: a reader waiting for the next event gets it as soon as it commits, in
the writer's process and, on PostgreSQL, from another replica (NOTIFY at commit, LISTEN per process);
a rolled-back event wakes nobody; with nothing committed the wait ends on time."""

from __future__ import annotations

import asyncio
import time

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlalchemy.orm import DeclarativeBase

from chiiki_common.db import create_engine, make_metadata, session_factory
from chiiki_common.outbox import (
    CHANNEL,
    OUTBOX_TXID_DEFAULT_PG,
    OutboxEventMixin,
    emit,
    read_feed,
    stop_listening,
)
from tests.fixtures.databases import DatabaseFactory


class Base(DeclarativeBase):
    metadata = make_metadata()


class Event(OutboxEventMixin, Base):
    pass


async def _outbox(backend: str, database_factory: DatabaseFactory, name: str) -> str:
    url = database_factory.empty(backend, name)
    engine = create_engine(url)
    async with engine.begin() as connection:
        await connection.run_sync(Base.metadata.create_all)
        if backend == "postgresql":
            await connection.execute(
                text(
                    f"ALTER TABLE outbox_events ALTER COLUMN txid SET DEFAULT {OUTBOX_TXID_DEFAULT_PG}"
                )
            )
    await engine.dispose()
    return url


async def _write(engine: AsyncEngine, *, commit: bool = True) -> None:
    async with session_factory(engine)() as session:
        emit(session, Event, "plan.returned", aggregate_type="plan", aggregate_id=1, payload={})
        await session.flush()
        if commit:
            await session.commit()
        else:
            await session.rollback()


async def _wait_for_event(engine: AsyncEngine, wait: float) -> tuple[list[str], float]:
    started = time.perf_counter()
    async with session_factory(engine)() as session:
        feed = await read_feed(session, Event, after=0, limit=10, wait=wait)
    return [e.event_type for e in feed.events], time.perf_counter() - started


async def test_a_waiting_reader_gets_the_event_as_soon_as_it_commits(
    backend: str, database_factory: DatabaseFactory
) -> None:
    engine = create_engine(await _outbox(backend, database_factory, "outbox_wait"))
    try:
        reader = asyncio.create_task(_wait_for_event(engine, wait=10))
        await asyncio.sleep(0.3)
        assert not reader.done()  # nothing yet: it waits
        await _write(engine)
        events, seconds = await asyncio.wait_for(reader, 5)
        assert events == ["plan.returned"]
        assert seconds < 2  # the commit woke it, far before its ten seconds
    finally:
        await stop_listening(engine)
        await engine.dispose()


async def test_a_rolled_back_event_wakes_nobody_and_the_wait_ends_on_time(
    backend: str, database_factory: DatabaseFactory
) -> None:
    engine = create_engine(await _outbox(backend, database_factory, "outbox_wait_rollback"))
    try:
        reader = asyncio.create_task(_wait_for_event(engine, wait=1.0))
        await asyncio.sleep(0.2)
        await _write(engine, commit=False)
        events, seconds = await reader
        assert events == []
        assert 0.9 < seconds < 3
    finally:
        await stop_listening(engine)
        await engine.dispose()


async def test_without_wait_the_feed_answers_at_once(
    backend: str, database_factory: DatabaseFactory
) -> None:
    engine = create_engine(await _outbox(backend, database_factory, "outbox_no_wait"))
    try:
        events, seconds = await _wait_for_event(engine, wait=0)
        assert events == []
        assert seconds < 1
    finally:
        await engine.dispose()


async def test_a_commit_on_another_replica_wakes_the_reader_through_postgresql(
    backend: str, database_factory: DatabaseFactory
) -> None:
    if backend != "postgresql":
        pytest.skip("LISTEN/NOTIFY is PostgreSQL's; on SQLite the platform runs one process")
    url = await _outbox(backend, database_factory, "outbox_notify")
    reader_engine, writer_engine = create_engine(url), create_engine(url)
    try:
        # the writer's commit announces itself on the channel (what another replica hears)
        heard: asyncio.Queue[str] = asyncio.Queue()

        def hear(*args: object) -> None:
            heard.put_nowait(str(args[2]))

        async with writer_engine.connect() as listening:
            raw = await listening.get_raw_connection()
            driver = raw.driver_connection
            assert driver is not None
            await driver.add_listener(CHANNEL, hear)
            await _write(writer_engine)
            assert await asyncio.wait_for(heard.get(), 3) == CHANNEL
            await _write(writer_engine, commit=False)
            await asyncio.sleep(0.5)
            assert heard.empty()  # a rolled-back event is never announced
            await driver.remove_listener(CHANNEL, hear)

        # and a reader in another process is woken by that notification alone: simulate the other
        # process by inserting the event with plain SQL (no in-process signal) and notifying
        # (the feed holds an event back while an older transaction anywhere on the cluster is
        # still open, so read until the first event shows)
        cursor = 0
        for _ in range(50):
            async with session_factory(reader_engine)() as session:
                cursor = (await read_feed(session, Event, after=0, limit=10)).next_cursor
            if cursor:
                break
            await asyncio.sleep(0.1)
        assert cursor
        reader = asyncio.create_task(_after(reader_engine, cursor, wait=10))
        await asyncio.sleep(0.5)  # the reader's LISTEN connection is up
        async with writer_engine.begin() as connection:
            await connection.execute(
                text(
                    "INSERT INTO outbox_events (event_type, aggregate_type, aggregate_id, payload,"
                    " occurred_at) VALUES ('plan.published', 'plan', '1', '{}', now())"
                )
            )
            await connection.execute(text(f"SELECT pg_notify('{CHANNEL}', '')"))
        events, seconds = await asyncio.wait_for(reader, 5)
        assert events == ["plan.published"]
        assert seconds < 2
    finally:
        await stop_listening(reader_engine)
        await reader_engine.dispose()
        await writer_engine.dispose()


async def _after(engine: AsyncEngine, cursor: int, wait: float) -> tuple[list[str], float]:
    started = time.perf_counter()
    async with session_factory(engine)() as session:
        feed = await read_feed(session, Event, after=cursor, limit=10, wait=wait)
    return [e.event_type for e in feed.events], time.perf_counter() - started


async def _read_now(engine: AsyncEngine, after: int = 0) -> list[str]:
    async with session_factory(engine)() as session:
        feed = await read_feed(session, Event, after=after, limit=10)
    return [e.event_type for e in feed.events]


async def test_an_event_waits_behind_an_older_open_transaction_of_its_own_database(
    backend: str, database_factory: DatabaseFactory
) -> None:
    """Ids are assigned before commit: a later event may commit first. Handing it out would move
    the reader's cursor past the earlier one, which would then never be read."""
    if backend != "postgresql":
        pytest.skip("transaction ids are PostgreSQL's; SQLite has one writer at a time")
    engine = create_engine(await _outbox(backend, database_factory, "outbox_order"))
    try:
        async with session_factory(engine)() as older:
            emit(older, Event, "plan.returned", aggregate_type="plan", aggregate_id=1, payload={})
            await older.flush()  # the earlier id, still in flight
            async with session_factory(engine)() as later:
                emit(
                    later,
                    Event,
                    "plan.published",
                    aggregate_type="plan",
                    aggregate_id=2,
                    payload={},
                )
                await later.commit()
            assert await _read_now(engine) == []  # the later one waits for the earlier
            await older.commit()
        assert await _read_now(engine) == ["plan.returned", "plan.published"]
    finally:
        await engine.dispose()


async def test_an_open_transaction_in_another_database_holds_no_event_back(
    backend: str, database_factory: DatabaseFactory
) -> None:
    """Another service's long transaction (a large import) cannot write this outbox: this feed
    does not wait for it."""
    if backend != "postgresql":
        pytest.skip("transaction ids are PostgreSQL's; SQLite has one writer at a time")
    engine = create_engine(await _outbox(backend, database_factory, "outbox_here"))
    elsewhere = create_engine(await _outbox(backend, database_factory, "outbox_elsewhere"))
    try:
        async with session_factory(elsewhere)() as long_import:
            emit(
                long_import,
                Event,
                "plan.returned",
                aggregate_type="plan",
                aggregate_id=9,
                payload={},
            )
            await long_import.flush()  # holds a transaction id in the other database
            await _write(engine)
            assert await _read_now(engine) == ["plan.returned"]
            await long_import.rollback()
    finally:
        await engine.dispose()
        await elsewhere.dispose()
