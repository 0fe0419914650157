"""Putting mail into the outbox: one row per (recipient, reason), idempotent by key.

Optional notices honour the recipient's preferences (muted: nothing; daily digest: held for the
digest); mandatory notices always become a mail. A reader (a viewer, ``Recipient.digest_only``)
gets every notice in the daily digest unless they opted in to instant mail. Mail to an organisation whose mailboxes sit behind
LGWAN is sanitised (plain text only, no attachment); the .ics goes only where an organisation
opted in.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from notify.mail import repository as repo
from notify.mail.messages import Content
from notify.models import DigestItem, MailState, OrganisationMailSettings, OutboxMail
from notify.preferences import repository as preferences_repo

INSERT_CHUNK = 500
"""Rows per INSERT (21 columns each: well under SQLite's and asyncpg's parameter limits)."""


@dataclass(frozen=True)
class Recipient:
    user_id: str
    email: str
    name: str
    organisation: str
    digest_only: bool = False
    """A reader (viewer): the notice waits for the daily digest unless they chose instant mail."""


@dataclass(frozen=True)
class Notice:
    """What to tell, why (``reason``), and whether the recipient may opt out of it."""

    key: str
    """Idempotency prefix; the recipient's id is appended (``reminder:12:7``)."""
    reason: str
    mandatory: bool
    content: Content
    ics: str | None = None


@dataclass(frozen=True)
class EnqueueResult:
    mails: int = 0
    digested: int = 0
    muted: int = 0


def new_message_id(domain: str) -> str:
    return f"<{uuid.uuid4().hex}@{domain}>"


async def enqueue(
    session: AsyncSession,
    notice: Notice,
    recipients: Iterable[Recipient],
    *,
    message_id_domain: str,
) -> EnqueueResult:
    recipients = list({r.user_id: r for r in recipients}.values())
    if not recipients:
        return EnqueueResult()
    preferences = await preferences_repo.preferences_by_user(
        session, [r.user_id for r in recipients]
    )
    organisations = await preferences_repo.settings_by_organisation(
        session, {r.organisation for r in recipients}
    )
    now = clock.now()
    mails = digested = muted = 0
    rows: list[dict[str, Any]] = []
    for recipient in recipients:
        key = f"{notice.key}:{recipient.user_id}"
        preference = preferences.get(recipient.user_id)
        if not notice.mandatory and preference is not None and preference.mutes(notice.reason):
            muted += 1
            continue
        instant = preference is not None and preference.instant_mail
        to_digest = (recipient.digest_only and not instant) or (
            not notice.mandatory and preference is not None and preference.daily_digest
        )
        if to_digest:
            digested += await repo.insert_ignoring_duplicates(
                session,
                DigestItem,
                {
                    "idempotency_key": key,
                    "recipient_user_id": recipient.user_id,
                    "recipient_email": recipient.email,
                    "recipient_name": recipient.name,
                    "organisation": recipient.organisation,
                    "reason": notice.reason,
                    "subject": notice.content.subject,
                    "body_text": notice.content.summary,
                    "created_at": now,
                },
            )
            continue
        rows.append(
            mail_values(
                key=key,
                notice=notice,
                recipient=recipient,
                organisation=organisations.get(recipient.organisation),
                message_id_domain=message_id_domain,
            )
        )
    for start in range(0, len(rows), INSERT_CHUNK):
        mails += await repo.insert_many_ignoring_duplicates(
            session, OutboxMail, rows[start : start + INSERT_CHUNK]
        )
    return EnqueueResult(mails=mails, digested=digested, muted=muted)


def mail_values(
    *,
    key: str,
    notice: Notice,
    recipient: Recipient,
    organisation: OrganisationMailSettings | None,
    message_id_domain: str,
) -> dict[str, Any]:
    """One outbox row; its Message-ID is fixed here, once."""
    lgwan = organisation is not None and organisation.lgwan
    attach = organisation is not None and organisation.attach_ics and not lgwan
    now = clock.now()
    return {
        "idempotency_key": key,
        "message_id": new_message_id(message_id_domain),
        "recipient_user_id": recipient.user_id,
        "recipient_email": recipient.email,
        "recipient_name": recipient.name,
        "organisation": recipient.organisation,
        "reason": notice.reason,
        "mandatory": notice.mandatory,
        "subject": notice.content.subject,
        "body_text": notice.content.text,
        "body_html": None if lgwan else notice.content.html,
        "ics": notice.ics if attach else None,
        "state": MailState.pending,
        "attempts": 0,
        "next_attempt_at": now,
        "created_at": now,
    }
