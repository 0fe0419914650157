"""Async SQLAlchemy engine and session, the declarative base, and the session dependency.

The session dependency owns the transaction: it commits when the handler returns and rolls back when
it raises. Services only ``flush()``. Work that must run after the commit registers itself with
:func:`after_commit`.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import Depends, Request
from sqlalchemy import BigInteger, DateTime, Integer, MetaData, event
from sqlalchemy.dialects.sqlite import aiosqlite as _aiosqlite
from sqlalchemy.ext.asyncio import (
    AsyncConnection,
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def make_metadata() -> MetaData:
    return MetaData(naming_convention=NAMING_CONVENTION)


BigId = BigInteger().with_variant(Integer(), "sqlite")
"""The type of every generated id, in the models and the migrations alike: BIGINT on PostgreSQL,
INTEGER on SQLite, which numbers rows by itself only for a column declared ``INTEGER PRIMARY KEY``
(a BIGINT key is an ordinary column there: an insert without an id fails). Columns that refer to
such an id take the same type."""


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores naive text; we restore UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetimes are not stored; use chiiki_common.clock.now()")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


async def _close_aiosqlite_once(self: Any) -> None:
    """The graceful half of SQLAlchemy's ``terminate()`` for an aiosqlite connection, safe beside
    its forced half.

    ``terminate()`` (a connection invalidated, for instance by a cancellation mid-query) starts
    the graceful close in a shielded task and, when it is cancelled, force-closes at once:
    ``aiosqlite.Connection.stop()``, whose worker thread then ends. aiosqlite's own ``close()``
    ends by queueing a second stop and waiting for it; after the forced one, no thread is left
    to answer, so that task waits forever and the event loop's shutdown, which waits for every
    cancelled task, hangs with it (seen: a notify worker's test that never finished its teardown).
    Here the thread is stopped once: the close queued after the statements already queued (which
    complete first), and nothing when a stop came before."""
    connection = self._connection
    if not connection._running:  # stopped already: its thread closes the connection and ends
        return
    future = connection.stop()
    if future is not None:
        await future


_aiosqlite.AsyncAdapt_aiosqlite_connection._terminate_graceful_close = _close_aiosqlite_once  # type: ignore[method-assign]


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # the wait for a lock first, so that it covers the statements below as well
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    # the file mapped (shared by every connection through the OS) and a 32 MiB page cache each:
    # the search index's pages stay in memory instead of being read again for each query
    cursor.execute("PRAGMA mmap_size=268435456")
    cursor.execute("PRAGMA cache_size=-32768")
    cursor.close()


def create_engine(url: str, *, echo: bool = False, pool_size: int = 20) -> AsyncEngine:
    """An async engine; SQLite gets foreign keys, WAL, a busy timeout, a mapped file and a larger
    page cache."""
    return _engine(url, echo=echo, pool_size=pool_size)


def create_read_engine(url: str, *, pool_size: int = 20) -> AsyncEngine:
    """An engine for the hot single-statement reads, in autocommit: no BEGIN, COMMIT or reset on
    return (each a round trip on PostgreSQL and a thread hop on aiosqlite). An in-memory SQLite
    database cannot be shared with a second engine, so there the caller keeps the main one."""
    return _engine(
        url, pool_size=pool_size, isolation_level="AUTOCOMMIT", pool_reset_on_return=None
    )


def _engine(url: str, *, pool_size: int, echo: bool = False, **options: Any) -> AsyncEngine:
    if url.startswith("sqlite"):
        # A pooled aiosqlite connection is a thread with its PRAGMAs: kept, not churned.
        sizes = {} if ":memory:" in url else {"pool_size": pool_size, "max_overflow": pool_size}
        engine = create_async_engine(
            url, echo=echo, poolclass=NullPool if ":memory:" in url else None, **sizes, **options
        )
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    # A database that does not answer fails the request in seconds (503), not after asyncpg's minute.
    return create_async_engine(
        url,
        echo=echo,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_pre_ping=True,
        pool_timeout=10,
        connect_args={"timeout": 5},
        **options,
    )


def session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=False)


class _ReadOnlySession(Session):
    """A session that refuses to flush: what a read session holds is never written."""

    def flush(self, objects: Any = None) -> None:
        raise RuntimeError("a read session does not write; use SessionDep")


def read_session_factory(engine: AsyncEngine) -> async_sessionmaker[AsyncSession]:
    return async_sessionmaker(
        engine, expire_on_commit=False, autoflush=False, sync_session_class=_ReadOnlySession
    )


AfterCommit = Callable[[], Awaitable[None]]


def after_commit(session: AsyncSession, callback: AfterCommit) -> None:
    """Run ``callback`` once the request's transaction has committed (never if it rolls back)."""
    session.info.setdefault("after_commit", []).append(callback)


async def run_after_commit(session: AsyncSession) -> None:
    for callback in session.info.pop("after_commit", []):
        await callback()


async def get_session(request: Request) -> AsyncIterator[AsyncSession]:
    """One session and one transaction per request: commit on success, roll back on error."""
    maker: async_sessionmaker[AsyncSession] = request.app.state.sessionmaker
    async with maker() as session:
        try:
            yield session
            await session.commit()
        except BaseException:
            await session.rollback()
            raise
    await run_after_commit(session)


async def get_read_session(request: Request) -> AsyncIterator[AsyncSession]:
    """A session on the read engine for an endpoint that reads and never writes."""
    maker: async_sessionmaker[AsyncSession] = request.app.state.read_sessionmaker
    async with maker() as session:
        yield session


async def get_read_connection(request: Request) -> AsyncIterator[AsyncConnection]:
    """A bare connection on the read engine, for Core statements that build no ORM objects
    (an ORM session's bookkeeping costs more than the lookup itself)."""
    engine: AsyncEngine = request.app.state.read_engine
    async with engine.connect() as connection:
        yield connection


# scope="function": commit before the response is sent. FastAPI's default ("request") runs the exit
# code after the response has gone out, so a failed commit would still have answered 200.
SessionDep = Annotated[AsyncSession, Depends(get_session, scope="function")]
ReadSessionDep = Annotated[AsyncSession, Depends(get_read_session, scope="function")]
"""For read-only endpoints that load ORM objects (registry and open-data lists): autocommit."""
ReadConnectionDep = Annotated[AsyncConnection, Depends(get_read_connection, scope="function")]
"""The leanest read: Core statements on an autocommit connection, no ORM session around them."""
