"""Transactional outbox of domain events, read by other services through a cursor feed.

An event row is added in the same transaction as the change (it exists exactly when the change
committed). The feed hands out events in id order; on PostgreSQL it holds back rows of transactions
still in flight (ids are assigned before commit, so a later id can commit first), which would
otherwise let a reader's cursor skip past an event that commits a moment later. Only the
transactions that may write this database hold its feed back (:data:`VISIBLE_BELOW_PG`).

A reader may wait for the next event instead of polling (``read_feed(..., wait=seconds)``, a long
poll): a commit that added events wakes the waiting readers at once in its own process, and on
PostgreSQL every replica writing to the same database wakes them too, through ``NOTIFY`` sent in the
writing transaction (delivered at its commit) and one ``LISTEN`` connection per process. Without a
wake-up (a lost notification, SQLite in another process) the wait simply ends and the reader polls.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import weakref
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

import structlog
from fastapi import Depends, Query
from pydantic import BaseModel
from sqlalchemy import JSON, BigInteger, FetchedValue, String, event, select, text
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession
from sqlalchemy.orm import Mapped, Session, mapped_column

from chiiki_common import clock
from chiiki_common.db import BigId, UTCDateTime
from chiiki_common.logging import current_request_id

log = structlog.get_logger("chiiki.outbox")

CHANNEL = "chiiki_outbox"
"""The PostgreSQL notification channel of committed events (one per database, so per service)."""
MAX_WAIT_SECONDS = 25.0
HELD_BACK_POLL_SECONDS = 0.2


VISIBLE_BELOW_PG = text(
    "COALESCE(("
    "SELECT min(x::text::bigint) FROM pg_snapshot_xip(pg_current_snapshot()) AS x"
    " WHERE x::text::bigint % 4294967296 NOT IN ("
    "SELECT backend_xid::text::bigint FROM pg_stat_activity"
    " WHERE datname <> current_database() AND backend_xid IS NOT NULL)"
    "), pg_snapshot_xmax(pg_current_snapshot())::text::bigint)"
)
"""The transaction id below which every event row the reader may be handed has committed: the
oldest transaction still in flight that may be writing this database, else the snapshot's end.

A transaction in flight is left out only when ``pg_stat_activity`` places it in *another* database
(its ``backend_xid`` is the low 32 bits of the 64-bit id): it cannot write this outbox, so a long
import in another service's database holds no event of this one back. Anything the activity view
does not place elsewhere (this database, a prepared transaction, a backend it does not show, one
that ended between the snapshot and the view) counts as this database's: the feed only waits
longer, it never skips an event."""


class OutboxEventMixin:
    """Columns of an outbox event; a service declares ``class OutboxEvent(OutboxEventMixin, Base)``."""

    __tablename__ = "outbox_events"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    event_type: Mapped[str] = mapped_column(String(100), index=True)
    aggregate_type: Mapped[str] = mapped_column(String(50))
    aggregate_id: Mapped[str] = mapped_column(String(100), index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime())
    request_id: Mapped[str | None] = mapped_column(String(64))
    txid: Mapped[int | None] = mapped_column(BigInteger, server_default=FetchedValue())
    """PostgreSQL transaction id of the writer, set by the column default the migration gives it
    (FetchedValue keeps the ORM from inserting an explicit NULL over that default)."""


OUTBOX_TXID_DEFAULT_PG = "(pg_current_xact_id()::text::bigint)"
"""Server default for ``txid`` on PostgreSQL (use in the migration's ``server_default``)."""


class EventOut(BaseModel):
    id: int
    event_type: str
    aggregate_type: str
    aggregate_id: str
    payload: dict[str, Any]
    occurred_at: datetime
    request_id: str | None = None


class EventFeed(BaseModel):
    """A page of events after ``cursor``; pass ``next_cursor`` back to continue."""

    events: list[EventOut]
    next_cursor: int


def emit(
    session: AsyncSession,
    model: type[Any],
    event_type: str,
    *,
    aggregate_type: str,
    aggregate_id: str | int,
    payload: dict[str, Any],
) -> None:
    """Add an event to the current transaction."""
    session.add(
        model(
            event_type=event_type,
            aggregate_type=aggregate_type,
            aggregate_id=str(aggregate_id),
            payload=payload,
            occurred_at=clock.now(),
            request_id=current_request_id(),
        )
    )


class OutboxSignal:
    """Counts the commits that added events and wakes whoever waits for the next one."""

    def __init__(self) -> None:
        self.generation = 0
        self._waiters: set[asyncio.Future[None]] = set()

    def bump(self) -> None:
        self.generation += 1
        waiters, self._waiters = self._waiters, set()
        for waiter in waiters:
            loop = waiter.get_loop()
            if not loop.is_closed():
                loop.call_soon_threadsafe(_resolve, waiter)

    async def wait(self, since: int, seconds: float) -> bool:
        """Wait until a commit after generation ``since`` (True) or ``seconds`` pass (False)."""
        if self.generation > since:
            return True
        waiter = asyncio.get_running_loop().create_future()
        self._waiters.add(waiter)
        try:
            async with asyncio.timeout(seconds):
                await waiter
        except TimeoutError:
            return self.generation > since
        finally:
            self._waiters.discard(waiter)
        return True


def _resolve(waiter: asyncio.Future[None]) -> None:
    if not waiter.done():
        waiter.set_result(None)


SIGNAL = OutboxSignal()
_listeners: weakref.WeakKeyDictionary[Any, asyncio.Task[None]] = weakref.WeakKeyDictionary()


@event.listens_for(Session, "after_flush")
def _announce_events(session: Session, _context: Any) -> None:
    if not any(isinstance(item, OutboxEventMixin) for item in session.new):
        return
    session.info["outbox_events"] = True
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        # delivered by PostgreSQL when (and only if) this transaction commits
        connection.exec_driver_sql(f"SELECT pg_notify('{CHANNEL}', '')")


@event.listens_for(Session, "after_commit")
def _events_committed(session: Session) -> None:
    if session.info.pop("outbox_events", False):
        SIGNAL.bump()


@event.listens_for(Session, "after_rollback")
def _events_rolled_back(session: Session) -> None:
    session.info.pop("outbox_events", None)


async def _listen(engine: AsyncEngine) -> None:
    """Hold one connection that LISTENs on the channel; reconnect a second after losing it."""
    while True:
        try:
            async with engine.connect() as connection:
                raw = await connection.get_raw_connection()
                driver = raw.driver_connection
                if driver is None:
                    raise RuntimeError("no driver connection to listen on")
                lost: asyncio.Future[None] = asyncio.get_running_loop().create_future()
                await driver.add_listener(CHANNEL, lambda *_: SIGNAL.bump())
                driver.add_termination_listener(functools.partial(_on_lost, lost))
                SIGNAL.bump()  # whatever committed while nobody listened: read the feed again
                await lost
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # the database went away: poll until it is back
            log.warning("outbox.listen.failed", error=str(exc))
        await asyncio.sleep(1.0)


def _on_lost(lost: asyncio.Future[None], *_: object) -> None:
    _resolve(lost)


def _ensure_listener(engine: AsyncEngine) -> None:
    key = engine.sync_engine
    task = _listeners.get(key)
    loop = asyncio.get_running_loop()
    if task is not None and not task.done() and task.get_loop() is loop:
        return
    _listeners[key] = loop.create_task(_listen(engine), name="outbox-listen")


async def stop_listening(engine: AsyncEngine) -> None:
    """End this process's LISTEN connection on ``engine`` (before disposing of it)."""
    task = _listeners.pop(engine.sync_engine, None)
    if task is None or task.done():
        return
    if task.get_loop() is not asyncio.get_running_loop():
        return
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


MAX_FEED_LIMIT = 1000
"""Events one read of a feed may ask for."""


@dataclass(frozen=True)
class FeedQuery:
    """Where a reader of an event feed is (``after``, its cursor), how many it takes at once and
    how long it waits for the next one when there is none yet (a long poll)."""

    after: int
    limit: int
    wait: float


async def _feed_query(
    after: Annotated[int, Query(ge=0, description="既に受け取った最後のイベントの番号")] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_FEED_LIMIT, description="一度に受け取る件数")] = 100,
    wait: Annotated[
        float,
        Query(
            ge=0, le=MAX_WAIT_SECONDS, description="イベントがまだなければ待つ秒数(長いポーリング)"
        ),
    ] = 0,
) -> FeedQuery:
    return FeedQuery(after=after, limit=limit, wait=wait)


FeedParams = Annotated[FeedQuery, Depends(_feed_query)]
"""The query of an ``/internal/events`` route, the same in every service."""


async def read_feed(
    session: AsyncSession, model: type[Any], *, after: int, limit: int, wait: float = 0.0
) -> EventFeed:
    """The events after ``after``; with ``wait`` and none yet, wait up to that many seconds for
    one to commit (the read transaction ends meanwhile, holding no connection)."""
    since = SIGNAL.generation
    feed = await _read_feed(session, model, after=after, limit=limit)
    if feed.events or wait <= 0:
        return feed
    engine = session.bind
    if isinstance(engine, AsyncEngine) and engine.dialect.name == "postgresql":
        _ensure_listener(engine)
    await session.rollback()
    loop = asyncio.get_running_loop()
    deadline = loop.time() + min(wait, MAX_WAIT_SECONDS)
    woken = False
    while (left := deadline - loop.time()) > 0:
        if woken:
            # an event committed but the feed still holds it back behind an older transaction,
            # whose end nobody announces: look again shortly
            await asyncio.sleep(min(HELD_BACK_POLL_SECONDS, left))
        elif await SIGNAL.wait(since, left):
            woken = True
        else:
            break
        since = SIGNAL.generation
        feed = await _read_feed(session, model, after=after, limit=limit)
        await session.rollback()
        if feed.events:
            return feed
    return feed


async def _read_feed(
    session: AsyncSession, model: type[Any], *, after: int, limit: int
) -> EventFeed:
    query = select(model).where(model.id > after).order_by(model.id).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        query = query.where(model.txid < VISIBLE_BELOW_PG)
    rows = (await session.scalars(query)).all()
    events = [EventOut.model_validate(row, from_attributes=True) for row in rows]
    return EventFeed(events=events, next_cursor=events[-1].id if events else after)
