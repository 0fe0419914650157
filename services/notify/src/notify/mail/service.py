"""The administrators' view of the mail outbox."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal
from chiiki_common.errors import Conflict, NotFound
from chiiki_common.schemas import Page
from notify.mail import repository as repo
from notify.mail.schemas import MailLogEntry
from notify.models import AuditRecord, MailState


async def mail_log(
    session: AsyncSession,
    principal: Principal,
    *,
    recipient: str | None,
    reason: str | None,
    state: MailState | None,
    since: datetime | None,
    until: datetime | None,
    limit: int,
    offset: int,
) -> Page[MailLogEntry]:
    rows, total = await repo.log(
        session,
        principal,
        recipient=recipient,
        reason=reason,
        state=state,
        since=since,
        until=until,
        limit=limit,
        offset=offset,
    )
    return Page[MailLogEntry](
        items=[MailLogEntry.model_validate(row) for row in rows],
        total=total,
        limit=limit,
        offset=offset,
    )


async def retry_dead(session: AsyncSession, principal: Principal, mail_id: int) -> MailLogEntry:
    """Send a dead mail again (after its address was fixed, say); same Message-ID."""
    mail = await repo.visible_mail(session, principal, mail_id)
    if mail is None:
        raise NotFound("メールが見つかりません")
    if mail.state != MailState.dead:
        raise Conflict("送信不能のメールのみ再送できます")
    mail.state = MailState.pending
    mail.next_attempt_at = clock.now()
    mail.attempts = 0
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="mail.retry",
        resource_type="mail",
        resource_id=mail.id,
    )
    return MailLogEntry.model_validate(mail)
