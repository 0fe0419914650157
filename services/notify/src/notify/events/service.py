"""Consuming the plans-api and scoring-api event feeds with a durable cursor.

Per batch: read the cursor, fetch the events after it, look the recipients up (no transaction
open meanwhile), then in ONE transaction write the outbox mail and the deadlines the events tell
of (a call's closing, from its creation on) and move the cursor — but only if the cursor is still
where it was read (another replica may have moved it; then this batch is dropped and the mail it
would have made already exists under the same idempotency keys).
"""

from __future__ import annotations

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from notify.deadlines.service import DeadlineSpec, deadline_for_event, upsert
from notify.events import repository as repo
from notify.events.notices import notice_for
from notify.mail.outbox import Notice, Recipient, enqueue
from notify.recipients import RecipientResolver
from notify.settings import Settings
from notify.upstream import Upstream

log = structlog.get_logger("notify.events")

SOURCES = ("plans", "scoring")
BATCH = 100


async def consume(
    sessionmaker: async_sessionmaker[AsyncSession],
    upstream: Upstream,
    settings: Settings,
    source: str,
    *,
    wait: float = 0,
) -> int:
    """Process one batch of ``source``'s feed; returns how many events it handled. With ``wait``,
    the feed is asked to hold its answer until an event commits (up to that many seconds)."""
    async with sessionmaker() as session:
        after = await repo.cursor_position(session, source)
    feed = await upstream.events(source, after=after, limit=BATCH, wait=wait)
    if not feed.events or feed.next_cursor <= after:
        return 0
    resolver = RecipientResolver(upstream)
    planned: list[tuple[Notice, list[Recipient]]] = []
    deadlines: list[DeadlineSpec] = []
    for event in feed.events:
        if spec := deadline_for_event(source, event.event_type, event.payload):
            deadlines.append(spec)
        notice = notice_for(source, event.event_type, event.payload, settings.public_base_url)
        if notice is None:
            continue
        organisations = notice.organisations
        if notice.bureau_of:
            organisations = organisations | await resolver.bureaus_of(notice.bureau_of)
        recipients = await resolver.for_organisations(
            organisations, roles=notice.roles, readers=notice.readers
        )
        planned.append(
            (
                Notice(
                    key=f"event:{source}:{event.id}",
                    reason=event.event_type,
                    mandatory=notice.mandatory,
                    content=notice.content,
                ),
                recipients,
            )
        )
    async with sessionmaker() as session, session.begin():
        if not await repo.advance_cursor(
            session, source, expected=after, position=feed.next_cursor, now=clock.now()
        ):
            log.info("notify.events.cursor_moved_elsewhere", source=source, after=after)
            return 0
        for spec in deadlines:
            await upsert(session, spec)
        for mail_notice, recipients in planned:
            await enqueue(
                session, mail_notice, recipients, message_id_domain=settings.message_id_domain
            )
    log.info(
        "notify.events.consumed", source=source, events=len(feed.events), cursor=feed.next_cursor
    )
    return len(feed.events)


async def consume_all(
    sessionmaker: async_sessionmaker[AsyncSession], upstream: Upstream, settings: Settings
) -> int:
    """Catch up with every feed (batch after batch); a failing feed does not hold the other."""
    handled = 0
    for source in SOURCES:
        try:
            while count := await consume(sessionmaker, upstream, settings, source):
                handled += count
        except Exception:  # the feed's service is down: the cursor stays, the next tick retries
            log.warning("notify.events.feed_unavailable", source=source, exc_info=True)
    return handled
