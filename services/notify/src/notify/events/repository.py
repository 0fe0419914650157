"""Queries on the event feeds' cursors (one row per source)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from notify.mail.repository import insert_ignoring_duplicates
from notify.models import EventCursor


async def cursor_position(session: AsyncSession, source: str) -> int:
    """The last event of ``source`` already handled (0 before the first batch)."""
    position = await session.scalar(
        select(EventCursor.position).where(EventCursor.source == source)
    )
    return int(position or 0)


async def advance_cursor(
    session: AsyncSession, source: str, *, expected: int, position: int, now: datetime
) -> bool:
    """True when ``source``'s cursor moved from ``expected`` to ``position``; False when another
    replica had moved it (the cursor row is created at 0 first if missing)."""
    await insert_ignoring_duplicates(
        session, EventCursor, {"source": source, "position": 0, "updated_at": now}
    )
    result = await session.execute(
        update(EventCursor)
        .where(EventCursor.source == source, EventCursor.position == expected)
        .values(position=position, updated_at=now)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]
