"""Scheduled work of the deadline calendar."""

from __future__ import annotations

from notify.deadlines import service
from notify.scheduling import TaskContext, periodic


@periodic("sync_interval_seconds")
async def sync_deadlines(context: TaskContext) -> None:
    """Deadlines as data: rounds from plans-api, open calls from scoring-api, KPI reports."""
    rounds = await context.upstream.rounds()
    calls = await context.upstream.open_calls()
    async with context.sessionmaker() as session, session.begin():
        await service.sync_sources(session, rounds, calls)


@periodic("scheduler_interval_seconds")
async def send_due_reminders(context: TaskContext) -> int:
    """Reminders whose 09:00 JST business-day moment has come."""
    return await service.send_due_reminders(
        context.sessionmaker, context.upstream, context.settings
    )
