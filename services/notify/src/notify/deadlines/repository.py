"""Queries on deadlines and reminder runs; the organisation filter lives in the SQL."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, and_, delete, exists, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from chiiki_common.auth import Principal, Tier
from notify.models import Deadline, DeadlineTarget, ReminderRun, ReminderRunState


def concerns(organisation: str) -> ColumnElement[bool]:
    """A deadline concerns an organisation when it names it, or names nobody (every local
    government: the national rounds, the KPI reports)."""
    targets = select(DeadlineTarget.id).where(DeadlineTarget.deadline_id == Deadline.id)
    return or_(
        ~exists(targets),
        exists(targets.where(DeadlineTarget.organisation == organisation)),
    )


def names(organisation: str) -> ColumnElement[bool]:
    """A deadline that names the organisation among its targets."""
    return exists(
        select(DeadlineTarget.id).where(
            DeadlineTarget.deadline_id == Deadline.id, DeadlineTarget.organisation == organisation
        )
    )


def visible_to(principal: Principal) -> ColumnElement[bool]:
    """National users see every deadline; a regional bureau only those that name it (the rounds
    and KPI reports that name nobody are the local governments'); a local government those that
    concern it."""
    if principal.is_national:
        return Deadline.active.is_(True)
    if principal.tier is Tier.bureau:
        return and_(Deadline.active.is_(True), names(principal.organisation))
    return and_(Deadline.active.is_(True), concerns(principal.organisation))


async def list_visible(
    session: AsyncSession, principal: Principal, *, due_after: datetime, limit: int, offset: int
) -> tuple[Sequence[Deadline], int]:
    condition = and_(visible_to(principal), Deadline.due_at >= due_after)
    total = await session.scalar(select(func.count()).select_from(Deadline).where(condition))
    rows = await session.scalars(
        select(Deadline)
        .where(condition)
        .order_by(Deadline.due_at, Deadline.id)
        .limit(limit)
        .offset(offset)
    )
    return rows.all(), total or 0


async def visible_one(
    session: AsyncSession, principal: Principal, deadline_id: int
) -> Deadline | None:
    return await session.scalar(
        select(Deadline).where(Deadline.id == deadline_id, visible_to(principal))
    )


async def for_calendar(
    session: AsyncSession, principal: Principal, *, due_after: datetime
) -> Sequence[Deadline]:
    """Every deadline ``principal`` sees that is due after ``due_after``."""
    rows = await session.scalars(
        select(Deadline)
        .where(visible_to(principal), Deadline.due_at >= due_after)
        .order_by(Deadline.due_at, Deadline.id)
    )
    return rows.all()


async def by_source(session: AsyncSession, source_ref: str) -> Deadline | None:
    return await session.scalar(
        select(Deadline)
        .where(Deadline.source_ref == source_ref)
        .options(selectinload(Deadline.targets))
    )


async def by_source_prefix(session: AsyncSession, prefix: str) -> Sequence[Deadline]:
    rows = await session.scalars(
        select(Deadline).where(Deadline.source_ref.startswith(prefix), Deadline.active.is_(True))
    )
    return rows.all()


async def due_runs(session: AsyncSession, now: datetime) -> Sequence[ReminderRun]:
    """Pending runs whose moment has come, of active deadlines not yet past."""
    rows = await session.scalars(
        select(ReminderRun)
        .join(Deadline, Deadline.id == ReminderRun.deadline_id)
        .where(
            ReminderRun.state == ReminderRunState.pending,
            ReminderRun.send_at <= now,
            Deadline.active.is_(True),
            Deadline.due_at > now,
        )
        .order_by(ReminderRun.deadline_id, ReminderRun.send_at)
    )
    return rows.all()


async def expired_runs(session: AsyncSession, now: datetime) -> None:
    """Pending runs of past or inactive deadlines will never go out."""
    gone = select(Deadline.id).where(or_(Deadline.due_at <= now, Deadline.active.is_(False)))
    await session.execute(
        update(ReminderRun)
        .where(ReminderRun.state == ReminderRunState.pending, ReminderRun.deadline_id.in_(gone))
        .values(state=ReminderRunState.skipped, processed_at=now)
    )


async def delete_runs(session: AsyncSession, deadline_id: int) -> None:
    """Delete every reminder run of ``deadline_id`` (to plan them afresh); returns nothing."""
    await session.execute(delete(ReminderRun).where(ReminderRun.deadline_id == deadline_id))


async def claim_run(session: AsyncSession, run_id: int, now: datetime) -> bool:
    """Take a pending run (pending → done) in this transaction; False when another tick or
    replica already has it. A conditional UPDATE: on PostgreSQL a second replica waits on the
    row lock and then finds it done; on SQLite the write lock serialises the claims."""
    result = await session.execute(
        update(ReminderRun)
        .where(ReminderRun.id == run_id, ReminderRun.state == ReminderRunState.pending)
        .values(state=ReminderRunState.done, processed_at=now)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def skip_runs(session: AsyncSession, run_ids: Sequence[int], now: datetime) -> None:
    await session.execute(
        update(ReminderRun)
        .where(ReminderRun.id.in_(run_ids), ReminderRun.state == ReminderRunState.pending)
        .values(state=ReminderRunState.skipped, processed_at=now)
    )


async def load(session: AsyncSession, deadline_id: int) -> Deadline | None:
    return await session.scalar(
        select(Deadline).where(Deadline.id == deadline_id).options(selectinload(Deadline.targets))
    )


async def set_recipients(session: AsyncSession, run_id: int, count: int) -> None:
    await session.execute(
        update(ReminderRun).where(ReminderRun.id == run_id).values(recipients=count)
    )


async def targets_of(session: AsyncSession, deadline_ids: Sequence[int]) -> dict[int, list[str]]:
    rows = await session.execute(
        select(DeadlineTarget.deadline_id, DeadlineTarget.organisation)
        .where(DeadlineTarget.deadline_id.in_(deadline_ids))
        .order_by(DeadlineTarget.organisation)
    )
    found: dict[int, list[str]] = {}
    for deadline_id, organisation in rows:
        found.setdefault(deadline_id, []).append(organisation)
    return found
