"""The throttle's counters in the gateway's database: each call one short transaction of its own,
committed at once (a refused request rolls back its own session, never the count)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, delete, literal, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from chiiki_common.db import UTCDateTime
from gateway.models import AuthFailure
from gateway.throttle.service import Counter

_TABLE = AuthFailure.__table__


class DatabaseFailureStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._insert: Any = (
            postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert
        )

    async def get(self, key: str) -> Counter | None:
        async with self._engine.connect() as connection:
            row = (
                await connection.execute(
                    select(
                        AuthFailure.failures, AuthFailure.blocked_until, AuthFailure.expires_at
                    ).where(AuthFailure.key == key)
                )
            ).first()
        return Counter(row.failures, row.blocked_until, row.expires_at) if row else None

    async def insert(self, key: str, counter: Counter) -> bool:
        statement = (
            self._insert(_TABLE)
            .values(key=key, **_values(counter))
            .on_conflict_do_nothing(index_elements=[AuthFailure.key])
        )
        async with self._engine.begin() as connection:
            return (await connection.execute(statement)).rowcount == 1

    async def replace(self, key: str, expected_failures: int, counter: Counter) -> bool:
        statement = (
            update(AuthFailure)
            .where(AuthFailure.key == key, AuthFailure.failures == expected_failures)
            .values(**_values(counter))
        )
        async with self._engine.begin() as connection:
            return (await connection.execute(statement)).rowcount == 1

    async def delete(self, key: str) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(delete(AuthFailure).where(AuthFailure.key == key))

    async def add_failure(self, key: str, now: datetime, window: timedelta) -> None:
        """One upsert: the count and the window's start are read and written in one statement,
        so failures arriving at the same moment in several processes all count."""
        ended = AuthFailure.expires_at <= literal(now, UTCDateTime())
        new_end = literal(now + window, UTCDateTime())
        statement = (
            self._insert(_TABLE)
            .values(key=key, failures=1, blocked_until=None, expires_at=now + window)
            .on_conflict_do_update(
                index_elements=[AuthFailure.key],
                set_={
                    "failures": case((ended, 1), else_=AuthFailure.failures + 1),
                    "expires_at": case((ended, new_end), else_=AuthFailure.expires_at),
                },
            )
        )
        async with self._engine.begin() as connection:
            await connection.execute(statement)

    async def prune(self, now: datetime) -> int:
        async with self._engine.begin() as connection:
            result = await connection.execute(
                delete(AuthFailure).where(AuthFailure.expires_at <= now)
            )
        return result.rowcount


def _values(counter: Counter) -> dict[str, Any]:
    return {
        "failures": counter.failures,
        "blocked_until": counter.blocked_until,
        "expires_at": counter.expires_at,
    }
