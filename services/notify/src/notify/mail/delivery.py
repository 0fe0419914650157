"""The delivery worker: claim due mail, talk SMTP with no transaction open, record the outcome.

A mail is sent at least once and, short of a crash between the SMTP reply and the commit that
records it, exactly once; after such a crash the lease runs out, another worker re-claims the
mail and resends it with the same Message-ID, so the receiving side can tell it is the same mail.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from email.header import Header
from email.message import Message
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import format_datetime, formataddr

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from notify.mail import repository as repo
from notify.mail.smtp import Outcome, Sender, Verdict, send_batch
from notify.models import MailState, OutboxMail
from notify.settings import Settings

log = structlog.get_logger("notify.delivery")


@dataclass(frozen=True)
class DeliveryReport:
    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    dead: int = 0


def backoff(attempts: int, settings: Settings) -> timedelta:
    """Capped exponential backoff with jitter (half to full of the capped delay)."""
    delay = min(settings.retry_cap_seconds, settings.retry_base_seconds * 2 ** max(attempts - 1, 0))
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


def _compose_and_send(
    sender: Sender, settings: Settings, mails: Sequence[OutboxMail]
) -> list[Outcome]:
    return sender(settings, [build_message(mail, settings) for mail in mails])


async def deliver_due(
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
    *,
    sender: Sender = send_batch,
) -> DeliveryReport:
    """One batch: claim (commit), send (no transaction), record (commit)."""
    lease = lease_for(settings)
    async with sessionmaker() as session, session.begin():
        claimed = await repo.claim(
            session, now=clock.now(), lease=lease, limit=settings.delivery_batch_size
        )
    if not claimed:
        return DeliveryReport()
    outcomes = await asyncio.to_thread(_compose_and_send, sender, settings, claimed)
    now = clock.now()
    delivered = [m for m, o in zip(claimed, outcomes, strict=True) if o.verdict is Verdict.sent]
    retrying = dead = 0
    async with sessionmaker() as session, session.begin():
        await repo.mark_sent(session, delivered, now=now)
        for mail, outcome in zip(claimed, outcomes, strict=True):
            if outcome.verdict is Verdict.sent:
                continue
            if outcome.verdict is Verdict.retry and mail.attempts < settings.delivery_max_attempts:
                await repo.finish(
                    session,
                    mail,
                    state=MailState.failed,
                    now=now,
                    error=outcome.error,
                    next_attempt_at=now + backoff(mail.attempts, settings),
                )
                retrying += 1
            else:
                await repo.finish(session, mail, state=MailState.dead, now=now, error=outcome.error)
                log.warning("notify.mail.dead", mail=mail.id, error=outcome.error)
                dead += 1
    sent = len(delivered)
    return DeliveryReport(claimed=len(claimed), sent=sent, retrying=retrying, dead=dead)


async def drain(
    sessionmaker: async_sessionmaker[AsyncSession],
    settings: Settings,
    *,
    sender: Sender = send_batch,
) -> DeliveryReport:
    """Deliver batches until nothing is due (or the SMTP server stops taking mail)."""
    total = DeliveryReport()
    while True:
        report = await deliver_due(sessionmaker, settings, sender=sender)
        total = DeliveryReport(
            claimed=total.claimed + report.claimed,
            sent=total.sent + report.sent,
            retrying=total.retrying + report.retrying,
            dead=total.dead + report.dead,
        )
        if report.claimed == 0 or report.sent == 0:
            return total
