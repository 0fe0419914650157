"""Transactional outbox of domain events, read by other services through a cursor feed.

An event row is added in the same transaction as the change (it exists exactly when the change
committed). The feed hands out events in id order; on PostgreSQL it holds back rows of transactions
still in flight (ids are assigned before commit, so a later id can commit first), which would
otherwise let a reader's cursor skip past an event that commits a moment later.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlalchemy import JSON, BigInteger, FetchedValue, Integer, String, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Mapped, mapped_column

from chiiki_common import clock
from chiiki_common.db import UTCDateTime
from chiiki_common.logging import current_request_id


class OutboxEventMixin:
    """Columns of an outbox event; a service declares ``class OutboxEvent(OutboxEventMixin, Base)``."""

    __tablename__ = "outbox_events"

    id: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
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


async def read_feed(
    session: AsyncSession, model: type[Any], *, after: int, limit: int
) -> EventFeed:
    query = select(model).where(model.id > after).order_by(model.id).limit(limit)
    if session.get_bind().dialect.name == "postgresql":
        query = query.where(
            model.txid < text("pg_snapshot_xmin(pg_current_snapshot())::text::bigint")
        )
    rows = (await session.scalars(query)).all()
    events = [EventOut.model_validate(row, from_attributes=True) for row in rows]
    return EventFeed(events=events, next_cursor=events[-1].id if events else after)
