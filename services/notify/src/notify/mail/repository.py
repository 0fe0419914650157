"""Queries on the mail outbox: claiming due mail, recording outcomes, the administrators' log,
the daily digest's held notices."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.auth import Principal
from notify.mail.smtp import Outcome, Verdict
from notify.models import DigestItem, MailState, OutboxMail


async def insert_ignoring_duplicates(
    session: AsyncSession, model: type[Any], values: dict[str, Any]
) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when the row is new."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    result = await session.execute(insert(model).values(**values).on_conflict_do_nothing())
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def insert_many_ignoring_duplicates(
    session: AsyncSession, model: type[Any], rows: list[dict[str, Any]]
) -> int:
    """One multi-row INSERT … ON CONFLICT DO NOTHING; how many rows were new."""
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    result = await session.execute(insert(model).values(rows).on_conflict_do_nothing())
    return int(result.rowcount)  # type: ignore[attr-defined]


def _due(now: datetime) -> ColumnElement[bool]:
    """Waiting and due, or claimed by a worker whose lease has run out (it crashed)."""
    return or_(
        and_(
            OutboxMail.state.in_([MailState.pending, MailState.failed]),
            OutboxMail.next_attempt_at <= now,
        ),
        and_(OutboxMail.state == MailState.sending, OutboxMail.lease_until <= now),
    )


async def claim(
    session: AsyncSession, *, now: datetime, lease: timedelta, limit: int
) -> Sequence[OutboxMail]:
    """Mark up to ``limit`` due mails ``sending`` under a fresh claim token and a lease (no
    attempt is counted yet: that waits for a server's answer about the mail).

    PostgreSQL: the candidate rows are locked ``FOR UPDATE SKIP LOCKED`` so concurrent workers
    take disjoint batches without waiting. SQLite: the single UPDATE runs under the database
    write lock, so a second worker's UPDATE sees the rows already ``sending``."""
    candidates = (
        select(OutboxMail.id)
        .where(_due(now))
        .order_by(OutboxMail.next_attempt_at, OutboxMail.id)
        .limit(limit)
    )
    chosen: Any
    if session.get_bind().dialect.name == "postgresql":
        # Two statements on purpose: inside ``UPDATE … WHERE id IN (subquery)`` PostgreSQL may
        # re-run a LIMIT … SKIP LOCKED subquery and take more rows than the limit.
        chosen = list((await session.scalars(candidates.with_for_update(skip_locked=True))).all())
        if not chosen:
            return []
    else:
        chosen = candidates.scalar_subquery()
    token = uuid.uuid4().hex
    await session.execute(
        update(OutboxMail)
        .where(OutboxMail.id.in_(chosen), _due(now))
        .values(
            state=MailState.sending,
            lease_until=now + lease,
            claim_token=token,
        )
        .execution_options(synchronize_session=False)
    )
    rows = await session.scalars(
        select(OutboxMail).where(OutboxMail.claim_token == token).order_by(OutboxMail.id)
    )
    return rows.all()


async def finish(
    session: AsyncSession,
    mail: OutboxMail,
    *,
    state: MailState,
    outcome: Outcome,
    now: datetime,
    next_attempt_at: datetime | None = None,
) -> bool:
    """Record an outcome, unless another worker has re-claimed the mail meanwhile. A server's
    answer counts as an attempt; a deferral (no server took the mail up) only as a deferral."""
    values: dict[str, object] = {"state": state, "lease_until": None, "claim_token": None}
    if outcome.verdict is Verdict.deferred:
        values["deferrals"] = OutboxMail.deferrals + 1
    else:
        values["attempts"] = OutboxMail.attempts + 1
    if outcome.code is not None or outcome.verdict is not Verdict.deferred:
        values["smtp_code"] = outcome.code
        values["smtp_reply"] = outcome.reply
    if state is MailState.sent:
        values["sent_at"] = now
    if outcome.error is not None:
        values["last_error"] = outcome.error
    if next_attempt_at is not None:
        values["next_attempt_at"] = next_attempt_at
    result = await session.execute(
        update(OutboxMail)
        .where(OutboxMail.id == mail.id, OutboxMail.claim_token == mail.claim_token)
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def visible_to(principal: Principal) -> ColumnElement[bool]:
    """A national administrator reads every mail; an organisation's administrator its own."""
    if principal.is_national:
        return OutboxMail.id.is_not(None)
    return OutboxMail.organisation == principal.organisation


async def visible_mail(
    session: AsyncSession, principal: Principal, mail_id: int
) -> OutboxMail | None:
    """The mail ``mail_id`` if ``principal`` may read it, else None."""
    return await session.scalar(
        select(OutboxMail).where(OutboxMail.id == mail_id, visible_to(principal))
    )


async def mail_id_by_key(session: AsyncSession, key: str) -> int | None:
    """The id of the mail of idempotency key ``key``, or None."""
    return await session.scalar(select(OutboxMail.id).where(OutboxMail.idempotency_key == key))


async def undigested_items(session: AsyncSession) -> Sequence[DigestItem]:
    """The held notices no digest mail has taken yet, by recipient and in order."""
    rows = await session.scalars(
        select(DigestItem)
        .where(DigestItem.digest_mail_id.is_(None))
        .order_by(DigestItem.recipient_user_id, DigestItem.id)
    )
    return rows.all()


async def mark_digested(session: AsyncSession, item_ids: list[int], mail_id: int | None) -> None:
    """Point the held notices ``item_ids`` at their digest mail ``mail_id``; returns nothing."""
    await session.execute(
        update(DigestItem).where(DigestItem.id.in_(item_ids)).values(digest_mail_id=mail_id)
    )


async def log(
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
) -> tuple[Sequence[OutboxMail], int]:
    conditions = [visible_to(principal)]
    if recipient:
        conditions.append(
            or_(OutboxMail.recipient_email == recipient, OutboxMail.recipient_user_id == recipient)
        )
    if reason:
        conditions.append(OutboxMail.reason.startswith(reason))
    if state:
        conditions.append(OutboxMail.state == state)
    if since:
        conditions.append(OutboxMail.created_at >= since)
    if until:
        conditions.append(OutboxMail.created_at < until)
    total = await session.scalar(select(func.count()).select_from(OutboxMail).where(*conditions))
    rows = await session.scalars(
        select(OutboxMail)
        .where(*conditions)
        .order_by(OutboxMail.created_at.desc(), OutboxMail.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return rows.all(), total or 0
