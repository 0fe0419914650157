"""The delivery worker: claim due mail (commit), talk SMTP with no transaction open, and record
each message's outcome in a commit of its own as soon as the server has answered for it.

A mail is sent at least once and, short of a crash between the server's acceptance of that one
message and the commit that records it, exactly once: a worker killed at any moment re-sends at
most the one message in flight. Its lease runs out, another worker (or the restarted one)
re-claims it and sends it again with the same Message-ID, so the receiving side can tell it is
the same mail. Every other mail of the killed worker's batch is either recorded or was never sent.

An outage never kills mail: a server that cannot be reached defers the message (no attempt is
spent) and the retries back off up to ``retry_cap_seconds``, forever. Only a permanent rejection
(5xx) of the message itself makes it dead.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, fields
from datetime import datetime, timedelta
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr

import structlog
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from chiiki_common import clock
from notify.mail import repository as repo
from notify.mail.smtp import Outcome, SmtpSession, Verdict
from notify.models import MailState, OutboxMail
from notify.settings import Settings

log = structlog.get_logger("notify.delivery")


@dataclass(frozen=True)
class DeliveryReport:
    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    """Answered 4xx: tried again after a backoff."""
    deferred: int = 0
    """No server took them up (outage): tried again after a backoff, no attempt spent."""
    dead: int = 0

    def __add__(self, other: DeliveryReport) -> DeliveryReport:
        return DeliveryReport(
            **{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)}
        )


def backoff(tries: int, settings: Settings) -> timedelta:
    """Capped exponential backoff with jitter (half to full of the capped delay); the cap bounds
    how long mail waits once a server that was down is back."""
    delay = min(settings.retry_cap_seconds, settings.retry_base_seconds * 2 ** max(tries - 1, 0))
    return timedelta(seconds=delay * random.uniform(0.5, 1.0))


def build_message(mail: OutboxMail, settings: Settings) -> Message:
    """The MIME message of an outbox row: text (+ HTML) (+ the .ics), headers MIME-encoded.

    Built with the compat32 ``email.mime`` classes: about three times cheaper per mail than the
    ``EmailMessage`` API, which is most of a delivery worker's CPU."""
    body: Message = MIMEText(mail.body_text, "plain", "utf-8")
    if mail.body_html:
        alternative = MIMEMultipart("alternative")
        alternative.attach(body)
        alternative.attach(MIMEText(mail.body_html, "html", "utf-8"))
        body = alternative
    if mail.ics:
        calendar = MIMEText(mail.ics, "calendar", "utf-8")
        calendar.set_param("method", "PUBLISH")
        calendar.add_header("Content-Disposition", "attachment", filename="deadline.ics")
        mixed = MIMEMultipart("mixed")
        mixed.attach(body)
        mixed.attach(calendar)
        body = mixed
    body["From"] = formataddr((settings.sender_name, settings.sender_address), charset="utf-8")
    body["To"] = formataddr((mail.recipient_name, mail.recipient_email), charset="utf-8")
    body["Subject"] = Header(mail.subject, "utf-8")  # type: ignore[assignment]
    body["Message-ID"] = mail.message_id
    body["Date"] = format_datetime(mail.created_at)
    body["Auto-Submitted"] = "auto-generated"
    body["X-Chiiki-Reason"] = mail.reason
    return body


def lease_for(settings: Settings) -> timedelta:
    """The configured lease, stretched to cover a batch whose every message takes a full SMTP
    timeout (plus connecting and QUIT): a lease running out mid-batch would let a second worker
    send the same mail again."""
    floor = settings.smtp_timeout_seconds * (settings.delivery_batch_size + 2)
    return timedelta(seconds=max(settings.delivery_lease_seconds, floor))


def _compose_and_send(session: SmtpSession, settings: Settings, mail: OutboxMail) -> Outcome:
    message = build_message(mail, settings)
    return session.send(message, settings.sender_address, mail.recipient_email)


@asynccontextmanager
async def _recorder(
    sessionmaker: async_sessionmaker[AsyncSession],
) -> AsyncIterator[AsyncSession]:
    """A session on one connection held for a batch's records, each still its own transaction:
    no pool checkout, ping and reset per mail (a quarter of a record's time on PostgreSQL)."""
    engine: AsyncEngine = sessionmaker.kw["bind"]
    async with (
        engine.connect() as connection,
        AsyncSession(bind=connection, expire_on_commit=False) as session,
    ):
        yield session


async def _record(
    session: AsyncSession,
    settings: Settings,
    mail: OutboxMail,
    outcome: Outcome,
    now: datetime,
) -> None:
    """The mail's state after ``outcome``, committed on its own before the next mail is sent."""
    state = {
        Verdict.sent: MailState.sent,
        Verdict.refused: MailState.dead,
    }.get(outcome.verdict, MailState.failed)
    tries = mail.attempts + mail.deferrals + 1
    retry_at = now + backoff(tries, settings) if state is MailState.failed else None
    async with session.begin():
        recorded = await repo.finish(
            session, mail, state=state, outcome=outcome, now=now, next_attempt_at=retry_at
        )
    if not recorded:
        log.warning("notify.mail.lease_lost", mail=mail.id, verdict=outcome.verdict)
    elif state is MailState.dead:
        log.warning("notify.mail.dead", mail=mail.id, code=outcome.code, error=outcome.error)


async def deliver_due(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> DeliveryReport:
    """One batch: claim (commit); then per mail send (no transaction) and record (commit)."""
    lease = lease_for(settings)
    async with sessionmaker() as session, session.begin():
        claimed = await repo.claim(
            session, now=clock.now(), lease=lease, limit=settings.delivery_batch_size
        )
    if not claimed:
        return DeliveryReport()
    smtp = SmtpSession(settings)
    counts = dict.fromkeys(Verdict, 0)
    try:
        unreachable: Outcome | None = await asyncio.to_thread(smtp.open)
        async with _recorder(sessionmaker) as recorder:
            for mail in claimed:
                if unreachable is None:
                    outcome = await asyncio.to_thread(_compose_and_send, smtp, settings, mail)
                else:
                    outcome = unreachable
                await _record(recorder, settings, mail, outcome, clock.now())
                counts[outcome.verdict] += 1
                if outcome.verdict is Verdict.deferred:
                    unreachable = outcome  # the connection is gone: the rest of the batch waits
    finally:
        await asyncio.to_thread(smtp.close)
    if unreachable is not None:
        log.warning("notify.mail.smtp_unreachable", error=unreachable.error)
    return DeliveryReport(
        claimed=len(claimed),
        sent=counts[Verdict.sent],
        retrying=counts[Verdict.retry],
        deferred=counts[Verdict.deferred],
        dead=counts[Verdict.refused],
    )


async def drain(
    sessionmaker: async_sessionmaker[AsyncSession], settings: Settings
) -> DeliveryReport:
    """Deliver batches until nothing is due (or the SMTP server stops taking mail)."""
    total = DeliveryReport()
    while True:
        report = await deliver_due(sessionmaker, settings)
        total += report
        if report.claimed == 0 or report.sent == 0:
            return total
