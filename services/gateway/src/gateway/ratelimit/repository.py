"""The request-rate buckets in the gateway's database; each query runs on the caller's connection,
inside the one transaction of a take."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection

from gateway.models import RateBucket


async def create_bucket(
    connection: AsyncConnection, key: str, *, tokens: float, stamp: float
) -> None:
    """Create ``key``'s bucket with ``tokens`` at ``stamp`` unless it exists; returns nothing."""
    insert: Any = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    await connection.execute(
        insert(RateBucket.__table__)
        .values(key=key, tokens=tokens, stamp=stamp)
        .on_conflict_do_nothing(index_elements=[RateBucket.key])
    )


async def locked_bucket(connection: AsyncConnection, key: str) -> tuple[float, float]:
    """``key``'s tokens and their stamp, the row locked ``FOR UPDATE`` on PostgreSQL."""
    query = select(RateBucket.tokens, RateBucket.stamp).where(RateBucket.key == key)
    if connection.dialect.name == "postgresql":
        query = query.with_for_update()
    tokens, stamp = (await connection.execute(query)).one()
    return tokens, stamp


async def set_bucket(connection: AsyncConnection, key: str, *, tokens: float, stamp: float) -> None:
    """Store ``tokens`` at ``stamp`` in ``key``'s bucket; returns nothing."""
    await connection.execute(
        update(RateBucket).where(RateBucket.key == key).values(tokens=tokens, stamp=stamp)
    )


async def delete_buckets_before(connection: AsyncConnection, stamp: float) -> None:
    """Delete every bucket last touched before ``stamp``; returns nothing."""
    await connection.execute(delete(RateBucket).where(RateBucket.stamp < stamp))
