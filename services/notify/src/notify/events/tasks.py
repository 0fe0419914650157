"""Scheduled work of event notices."""

from __future__ import annotations

from notify.events import service
from notify.scheduling import TaskContext, periodic


@periodic("events_interval_seconds")
async def consume_event_feeds(context: TaskContext) -> int:
    """Read plans-api's and scoring-api's event feeds from notify's durable cursors."""
    return await service.consume_all(context.sessionmaker, context.upstream, context.settings)
