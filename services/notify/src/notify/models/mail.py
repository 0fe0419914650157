"""Outgoing mail (the mail outbox), the daily digest queue, preferences and event cursors."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import BigInteger, Boolean, Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from chiiki_common.db import BigId, UTCDateTime
from notify.models.base import Base


class MailState(StrEnum):
    pending = "pending"
    sending = "sending"
    sent = "sent"
    failed = "failed"
    """Not delivered yet (a 4xx answer, or no server reachable); retried at ``next_attempt_at``."""
    dead = "dead"
    """Refused for good (a 5xx answer to the mail): an administrator has to look at it."""


class OutboxMail(Base):
    """One mail to one recipient for one reason; the idempotency key makes a second tick, a
    second replica or a replayed event find the row already there instead of adding a mail."""

    __tablename__ = "outbox_mails"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    idempotency_key: Mapped[str] = mapped_column(String(250), unique=True)
    message_id: Mapped[str] = mapped_column(String(250), unique=True)
    """Fixed at creation so a resend after a crash carries the same Message-ID."""
    recipient_user_id: Mapped[str] = mapped_column(String(100), index=True)
    recipient_email: Mapped[str] = mapped_column(String(320), index=True)
    recipient_name: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(20), index=True)
    reason: Mapped[str] = mapped_column(String(60), index=True)
    mandatory: Mapped[bool] = mapped_column(Boolean, default=False)
    subject: Mapped[str] = mapped_column(String(500))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    """None when the mail goes to an LGWAN-side address (sanitised: plain text only)."""
    ics: Mapped[str | None] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(20), default=MailState.pending, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    """Times an SMTP server answered about this mail (accepted, deferred with 4xx, refused)."""
    deferrals: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Times no server took the mail up (outage, refused connect, timeout, 4xx greeting): the
    mail waited, and no attempt was spent."""
    smtp_code: Mapped[int | None] = mapped_column(Integer)
    """The last SMTP reply code about this mail (250, 451, 550, …); None while none came."""
    smtp_reply: Mapped[str | None] = mapped_column(String(1000))
    """That reply's text (``5.1.1 User unknown``)."""
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    claim_token: Mapped[str | None] = mapped_column(String(40))
    last_error: Mapped[str | None] = mapped_column(String(1000))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class DigestItem(Base):
    """An optional notice held for a user's daily digest (まとめ通知)."""

    __tablename__ = "digest_items"

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    idempotency_key: Mapped[str] = mapped_column(String(250), unique=True)
    recipient_user_id: Mapped[str] = mapped_column(String(100), index=True)
    recipient_email: Mapped[str] = mapped_column(String(320))
    recipient_name: Mapped[str] = mapped_column(String(200), default="")
    organisation: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(60))
    subject: Mapped[str] = mapped_column(String(500))
    body_text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    digest_mail_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    """The digest mail that carried it (None while waiting)."""


class MailPreference(Base):
    """A user's choices: mute optional mail (all of it or some reasons), or take it as one daily
    digest."""

    __tablename__ = "mail_preferences"

    user_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    organisation: Mapped[str] = mapped_column(String(20))
    mute_optional: Mapped[bool] = mapped_column(Boolean, default=False)
    daily_digest: Mapped[bool] = mapped_column(Boolean, default=False)
    muted_reasons: Mapped[str] = mapped_column(String(500), default="", server_default="")
    """Optional notices the user does not want, space-separated reasons (``plan.published``)."""
    instant_mail: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    """A viewer's opt-in to each notice as its own mail (by default viewers get digests only)."""
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())

    def mutes(self, reason: str) -> bool:
        return self.mute_optional or reason in self.muted_reasons.split()


class OrganisationMailSettings(Base):
    """An organisation's choices: .ics attachments on deadline mail, LGWAN-side mailboxes."""

    __tablename__ = "organisation_mail_settings"

    organisation: Mapped[str] = mapped_column(String(20), primary_key=True)
    attach_ics: Mapped[bool] = mapped_column(Boolean, default=False)
    lgwan: Mapped[bool] = mapped_column(Boolean, default=False)
    """Mail crosses into LGWAN: sent sanitised (plain text, no HTML, no attachment)."""
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class EventCursor(Base):
    """How far notify has read another service's event feed (advanced with the mail it made)."""

    __tablename__ = "event_cursors"

    source: Mapped[str] = mapped_column(String(40), primary_key=True)
    position: Mapped[int] = mapped_column(BigInteger, default=0)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class DigestRun(Base):
    """One daily digest composition per JST day (so two replicas compose it once)."""

    __tablename__ = "digest_runs"

    digest_on: Mapped[date] = mapped_column(Date, primary_key=True)
    processed_at: Mapped[datetime] = mapped_column(UTCDateTime())
