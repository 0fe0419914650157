"""Scheduled work of mail delivery."""

from __future__ import annotations

from notify.mail import delivery, digest
from notify.scheduling import TaskContext, periodic


@periodic("delivery_interval_seconds")
async def deliver_mail(context: TaskContext) -> None:
    """Hand every due outbox mail to SMTP."""
    await delivery.drain(context.sessionmaker, context.settings)


@periodic("digest_interval_seconds")
async def compose_daily_digests(context: TaskContext) -> None:
    """Once a day from 09:00 JST: one まとめ通知 per user holding optional notices."""
    await digest.compose_due(context.sessionmaker, context.settings)
