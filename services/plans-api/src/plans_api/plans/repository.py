"""Every query on plans, with the tenancy filter (DESIGN §1) inside the SQL.

What a caller may not see is simply not selected, so the endpoints answer 404 without learning
that it exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, exists, false, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import load_only, selectinload

from chiiki_common.auth import Principal, Tier
from chiiki_common.pagination import PageParams
from plans_api.models import KpiActual, Plan, PlanAuthor, PlanHistory, PlanState, PlanType, Round


def visibility(principal: Principal) -> ColumnElement[bool]:
    """The plans ``principal`` may read.

    - municipality: plans it authors or co-authors;
    - prefecture: its own plans and every plan with an author in its prefecture;
    - national: every plan from its first pre-check request on (drafts stay with their authors);
    - anyone else (ministry systems, services): none here — they use the registry and public views.
    """
    if principal.tier is Tier.national:
        return Plan.first_precheck_requested_at.is_not(None)
    if principal.tier is Tier.municipality:
        return exists().where(
            PlanAuthor.plan_id == Plan.id, PlanAuthor.organisation == principal.organisation
        )
    if principal.tier is Tier.prefecture:
        return exists().where(
            PlanAuthor.plan_id == Plan.id,
            or_(
                PlanAuthor.organisation == principal.organisation,
                PlanAuthor.prefecture == principal.organisation[:2],
            ),
        )
    return false()


@dataclass(frozen=True)
class PlanFilters:
    plan_type: PlanType | None = None
    state: PlanState | None = None
    round_code: str | None = None
    prefecture: str | None = None
    strategic_field: str | None = None


def _filters(filters: PlanFilters) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if filters.plan_type:
        clauses.append(Plan.plan_type == filters.plan_type.value)
    if filters.state:
        clauses.append(Plan.state == filters.state.value)
    if filters.round_code:
        clauses.append(Plan.round_code == filters.round_code)
    if filters.prefecture:
        clauses.append(Plan.lead_prefecture == filters.prefecture[:2])
    if filters.strategic_field:
        clauses.append(Plan.field_tags.contains(f"|{filters.strategic_field}|"))
    return clauses


SUMMARY_COLUMNS = (
    Plan.plan_type,
    Plan.title,
    Plan.lead_organisation,
    Plan.lead_prefecture,
    Plan.state,
    Plan.version,
    Plan.revision,
    Plan.round_code,
    Plan.leading_example,
    Plan.first_precheck_requested_at,
    Plan.published_version,
    Plan.updated_at,
)
"""What a list shows: the plan row's own columns, never the large JSON sections."""


async def list_plans(
    session: AsyncSession, principal: Principal, filters: PlanFilters, page: PageParams
) -> tuple[list[Plan], int]:
    """One page of visible plans (the summary columns only: no children, no N+1)."""
    clauses = [visibility(principal), *_filters(filters)]
    total = await session.scalar(select(func.count(Plan.id)).where(*clauses))
    rows = await session.scalars(
        select(Plan)
        .where(*clauses)
        .options(load_only(*SUMMARY_COLUMNS))
        .order_by(Plan.id.desc())
        .limit(page.limit)
        .offset(page.offset)
    )
    return list(rows), int(total or 0)


def _full() -> tuple[Any, ...]:
    return (
        selectinload(Plan.authors),
        selectinload(Plan.core_companies),
        selectinload(Plan.kgis),
        selectinload(Plan.kpis),
    )


async def get_visible_plan(
    session: AsyncSession, principal: Principal, plan_id: int, *, refresh: bool = False
) -> Plan | None:
    query = select(Plan).where(Plan.id == plan_id, visibility(principal)).options(*_full())
    if refresh:
        query = query.execution_options(populate_existing=True)
    return (await session.scalars(query)).one_or_none()


async def get_plan(session: AsyncSession, plan_id: int) -> Plan | None:
    """A plan without a tenancy filter: only for service clients and internal jobs."""
    query = select(Plan).where(Plan.id == plan_id).options(*_full())
    return (await session.scalars(query.execution_options(populate_existing=True))).one_or_none()


async def compare_and_set(
    session: AsyncSession,
    plan_id: int,
    expected_version: int,
    *,
    now: datetime,
    expected_state: str | None = None,
    values: dict[str, Any] | None = None,
) -> bool:
    """The one write that guards a plan: ``UPDATE plans … WHERE id = :id AND version = :v``.

    On PostgreSQL a concurrent writer waits for the row lock, then finds the version moved on and
    updates nothing; the caller turns that into 412 and the transaction rolls back.
    """
    statement = (
        update(Plan)
        .where(Plan.id == plan_id, Plan.version == expected_version)
        .values(version=Plan.version + 1, updated_at=now, **(values or {}))
        .execution_options(synchronize_session=False)
    )
    if expected_state is not None:
        statement = statement.where(Plan.state == expected_state)
    result = await session.execute(statement)
    return result.rowcount == 1  # type: ignore[attr-defined,no-any-return]


async def count_b_plans_in_prefecture(session: AsyncSession, prefecture: str) -> int:
    query = select(func.count()).where(
        Plan.plan_type == PlanType.B.value,
        Plan.lead_prefecture == prefecture,
        Plan.state != PlanState.withdrawn.value,
    )
    return int(await session.scalar(query) or 0)


async def kpi_actuals(session: AsyncSession, plan_id: int) -> list[KpiActual]:
    query = select(KpiActual).where(KpiActual.plan_id == plan_id).order_by(KpiActual.period)
    return list(await session.scalars(query))


async def all_rounds(session: AsyncSession) -> list[Round]:
    return list(await session.scalars(select(Round).order_by(Round.cutoff_at)))


async def round_by_code(session: AsyncSession, code: str) -> Round | None:
    return (await session.scalars(select(Round).where(Round.code == code))).one_or_none()


async def history(session: AsyncSession, plan_id: int) -> list[PlanHistory]:
    query = select(PlanHistory).where(PlanHistory.plan_id == plan_id).order_by(PlanHistory.id)
    return list(await session.scalars(query))
