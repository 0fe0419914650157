"""Scheduled work of event notices: a long poll that follows each feed as events commit, and a
periodic catch-up that reads every feed (the fallback when a feed was down or the long poll is off).
Either kicks the mail delivery once it has queued mail, so a notice does not wait for its tick."""

from __future__ import annotations

import asyncio

from notify.events import service
from notify.scheduling import TaskContext, periodic

QUICK_EMPTY_SECONDS = 0.5


@periodic("events_interval_seconds")
async def consume_event_feeds(context: TaskContext) -> int:
    """Read plans-api's and scoring-api's event feeds from notify's durable cursors."""
    handled = await service.consume_all(context.sessionmaker, context.upstream, context.settings)
    if handled:
        context.kick("deliver_mail")
    return handled


@periodic("events_interval_seconds", interruptible=True)
async def follow_event_feeds(context: TaskContext) -> None:
    """Wait on each feed for its next event and handle it at once, until the worker stops; a feed
    that fails ends the tick (the next one, an interval later, starts again)."""
    wait = context.settings.events_wait_seconds
    if wait <= 0:
        return

    loop = asyncio.get_running_loop()

    async def follow(source: str) -> None:
        while not context.stop.is_set():
            asked = loop.time()
            handled = await service.consume(
                context.sessionmaker, context.upstream, context.settings, source, wait=wait
            )
            if handled:
                context.kick("deliver_mail")
            elif loop.time() - asked < QUICK_EMPTY_SECONDS:
                # an empty answer that did not wait (a feed of a version without the long poll,
                # or an event still held back behind another transaction): ask again shortly
                await asyncio.sleep(QUICK_EMPTY_SECONDS)

    await asyncio.gather(*(follow(source) for source in service.SOURCES))
