"""Queries of the registry and the public pages: published snapshots only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Row, bindparam, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from chiiki_common.pagination import PageParams
from plans_api.models import PlanSnapshot, RegistryReceipt, SnapshotCompany, SnapshotTag
from plans_api.registry.tags import FIELD, INDUSTRY, ROUND


@dataclass(frozen=True)
class PublishedQuery:
    """Which published plans a list asks for; ``None`` leaves a criterion out."""

    plan_type: str | None = None
    prefecture: str | None = None
    field: str | None = None
    """A strategic field's code: plans naming it."""
    industry: str | None = None
    """A JSIC code: plans naming it or an industry under it (``E`` finds ``E28``)."""
    round_code: str | None = None


def _tagged(kind: str, code: str, *, under: bool = False) -> ColumnElement[bool]:
    match = (
        SnapshotTag.code.startswith(code, autoescape=True) if under else SnapshotTag.code == code
    )
    return exists().where(
        SnapshotTag.snapshot_id == PlanSnapshot.id, SnapshotTag.kind == kind, match
    )


def _published_filters(query: PublishedQuery) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = [PlanSnapshot.is_current.is_(True)]
    if query.plan_type:
        clauses.append(PlanSnapshot.plan_type == query.plan_type)
    if query.prefecture:
        clauses.append(PlanSnapshot.lead_prefecture == query.prefecture[:2])
    if query.field:
        clauses.append(_tagged(FIELD, query.field))
    if query.industry:
        clauses.append(_tagged(INDUSTRY, query.industry, under=True))
    if query.round_code:
        clauses.append(_tagged(ROUND, query.round_code))
    return clauses


async def published_plans(
    session: AsyncSession, query: PublishedQuery, page: PageParams
) -> tuple[list[PlanSnapshot], int]:
    clauses = _published_filters(query)
    total = await session.scalar(select(func.count(PlanSnapshot.id)).where(*clauses))
    rows = await session.scalars(
        select(PlanSnapshot)
        .where(*clauses)
        .order_by(PlanSnapshot.plan_id)
        .limit(page.limit)
        .offset(page.offset)
    )
    return list(rows), int(total or 0)


async def count_published(session: AsyncSession, query: PublishedQuery) -> int:
    clauses = _published_filters(query)
    return int(await session.scalar(select(func.count(PlanSnapshot.id)).where(*clauses)) or 0)


async def published_batch(
    session: AsyncSession,
    query: PublishedQuery,
    *,
    after_plan_id: int | None,
    offset: int,
    limit: int,
) -> list[PlanSnapshot]:
    """One batch of published plans in plan-id order: from ``offset`` for the first batch, then
    by key (after the last plan id seen), so a long download never re-counts what it skipped."""
    statement = select(PlanSnapshot).where(*_published_filters(query))
    if after_plan_id is None:
        statement = statement.order_by(PlanSnapshot.plan_id).offset(offset)
    else:
        statement = statement.where(PlanSnapshot.plan_id > after_plan_id).order_by(
            PlanSnapshot.plan_id
        )
    return list(await session.scalars(statement.limit(limit)))


async def publications(session: AsyncSession, plan_id: int) -> list[PlanSnapshot]:
    """Every published version of a plan, newest first (the public version history)."""
    return list(
        await session.scalars(
            select(PlanSnapshot)
            .where(PlanSnapshot.plan_id == plan_id)
            .order_by(PlanSnapshot.version_number.desc())
        )
    )


async def publication(session: AsyncSession, plan_id: int, version: int) -> PlanSnapshot | None:
    """Published version ``version`` of the plan, current or superseded (every publication stays
    public as it was)."""
    query = select(PlanSnapshot).where(
        PlanSnapshot.plan_id == plan_id, PlanSnapshot.version_number == version
    )
    return (await session.scalars(query)).one_or_none()


async def publication_of_revision(
    session: AsyncSession, plan_id: int, revision: int
) -> PlanSnapshot | None:
    """The publication that ended revision ``revision`` of the plan (a revision is published once:
    the next revision starts at publication's ``revise``), or None while it is not published."""
    query = (
        select(PlanSnapshot)
        .where(PlanSnapshot.plan_id == plan_id, PlanSnapshot.revision == revision)
        .order_by(PlanSnapshot.version_number.desc())
        .limit(1)
    )
    return (await session.scalars(query)).first()


async def last_publication(session: AsyncSession) -> datetime | None:
    """When the open data last changed: the newest publication."""
    return await session.scalar(select(func.max(PlanSnapshot.published_at)))


async def current_snapshot(session: AsyncSession, plan_id: int) -> PlanSnapshot | None:
    query = select(PlanSnapshot).where(
        PlanSnapshot.plan_id == plan_id, PlanSnapshot.is_current.is_(True)
    )
    return (await session.scalars(query)).one_or_none()


CORE_COMPANY_COLUMNS = (
    SnapshotCompany.corporate_number,
    SnapshotCompany.name,
    SnapshotCompany.role,
    SnapshotCompany.support_target,
    PlanSnapshot.plan_id,
    PlanSnapshot.plan_type,
    PlanSnapshot.title,
    PlanSnapshot.lead_prefecture,
    PlanSnapshot.lead_organisation,
    PlanSnapshot.version_number,
    PlanSnapshot.published_at,
)
"""Exactly what the registry answers with (plain rows: a 1,000-number batch builds no ORM objects)."""


_CORE_COMPANIES = select(*CORE_COMPANY_COLUMNS).join(
    PlanSnapshot, PlanSnapshot.id == SnapshotCompany.snapshot_id
)
_ONE_NUMBER = SnapshotCompany.corporate_number == bindparam("number")
_NUMBERS = SnapshotCompany.corporate_number.in_(bindparam("numbers", expanding=True))
_CURRENT = (SnapshotCompany.valid_until.is_(None),)
_IN_FORCE_AT = (
    SnapshotCompany.valid_from <= bindparam("at"),
    or_(SnapshotCompany.valid_until.is_(None), SnapshotCompany.valid_until > bindparam("at")),
)
# Built once: composing the IN clause per request cost a tenth of the lookup's time. One number
# has a statement of its own: an expanding IN is rendered again on every execution.
_CORE_COMPANY_STATEMENTS = {
    (one, at): _CORE_COMPANIES.where(
        _ONE_NUMBER if one else _NUMBERS, *(_IN_FORCE_AT if at else _CURRENT)
    ).order_by(PlanSnapshot.plan_id)
    for one in (True, False)
    for at in (True, False)
}


async def core_company_rows(
    connection: AsyncSession | AsyncConnection,
    numbers: Sequence[str],
    *,
    at: datetime | None = None,
) -> list[Row[Any]]:
    """Core companies among ``numbers`` in published plans: the current versions, or the versions
    in force at ``at``. One query for the whole batch."""
    one = len(numbers) == 1
    parameters: dict[str, Any] = {"number": numbers[0]} if one else {"numbers": list(numbers)}
    if at is not None:
        parameters["at"] = at
    statement = _CORE_COMPANY_STATEMENTS[one, at is not None]
    return list(await connection.execute(statement, parameters))


async def first_publication(session: AsyncSession) -> datetime | None:
    """When the first plan was published (before it the registry had nothing to answer)."""
    return await session.scalar(select(func.min(PlanSnapshot.published_at)))


async def first_listed(session: AsyncSession, corporate_number: str) -> datetime | None:
    """When a published plan first named the company."""
    query = select(func.min(SnapshotCompany.valid_from)).where(
        SnapshotCompany.corporate_number == corporate_number
    )
    return await session.scalar(query)


async def receipt(
    session: AsyncSession, receipt_id: str, client_organisation: str | None
) -> RegistryReceipt | None:
    query = select(RegistryReceipt).where(RegistryReceipt.id == receipt_id)
    if client_organisation is not None:
        query = query.where(RegistryReceipt.client_organisation == client_organisation)
    return (await session.scalars(query)).one_or_none()
