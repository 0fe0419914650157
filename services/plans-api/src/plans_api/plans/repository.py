"""Every query on plans, with the tenancy filter (DESIGN §1) inside the SQL.

What a caller may not see is simply not selected, so the endpoints answer 404 without learning
that it exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, delete, exists, false, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import load_only, selectinload

from chiiki_common.auth import Principal, Tier
from chiiki_common.pagination import PageParams
from plans_api.models import (
    CoreCompany,
    Kgi,
    Kpi,
    KpiActual,
    Plan,
    PlanAuthor,
    PlanHistory,
    PlanSnapshot,
    PlanState,
    PlanType,
    Round,
    SnapshotCompany,
)


def _visible(principal: Principal) -> ColumnElement[bool]:
    """The plans ``principal`` may read.

    - municipality: plans it authors or co-authors;
    - prefecture: its own plans and every plan with an author in its prefecture;
    - national: every plan from its first pre-check request on (drafts stay with their authors);
    - bureau: none — a bureau's plans are the type A drafts of its block, and B and C plans
      (a prefecture's or a municipality's, even in its block) are not its to see;
    - anyone else (ministry systems, services): none here — they use the registry and public views.
    """
    if principal.tier is Tier.national:
        return Plan.first_precheck_requested_at.is_not(None)
    if principal.tier is Tier.bureau:
        return false()
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


def readable(principal: Principal) -> Select[Plan]:
    """The plans ``principal`` may read, as a statement to narrow further (``.where``,
    ``.with_only_columns``): the one tenancy filter every read of plans by a person starts from."""
    return select(Plan).where(_visible(principal))


@dataclass(frozen=True)
class PlanFilters:
    plan_type: PlanType | None = None
    state: PlanState | None = None
    round_code: str | None = None
    prefecture: str | None = None
    strategic_field: str | None = None


@dataclass(frozen=True)
class AskedWindow:
    """Plans first asked for the pre-check in ``[start, end)`` (a round's members)."""

    start: datetime | None
    end: datetime | None


NO_PLAN = AskedWindow(None, None)
"""The window of a round that does not exist: nothing matches."""


def asked_in(window: AskedWindow) -> list[ColumnElement[bool]]:
    if window is NO_PLAN:
        return [false()]
    clauses: list[ColumnElement[bool]] = [Plan.first_asked_at.is_not(None)]
    if window.start is not None:
        clauses.append(Plan.first_asked_at >= window.start)
    if window.end is not None:
        clauses.append(Plan.first_asked_at < window.end)
    return clauses


def _filters(filters: PlanFilters, window: AskedWindow | None) -> list[ColumnElement[bool]]:
    clauses: list[ColumnElement[bool]] = []
    if filters.plan_type:
        clauses.append(Plan.plan_type == filters.plan_type.value)
    if filters.state:
        clauses.append(Plan.state == filters.state.value)
    if window is not None:
        clauses.extend(asked_in(window))
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
    Plan.first_asked_at,
    Plan.first_precheck_requested_at,
    Plan.review_requested_at,
    Plan.published_version,
    Plan.updated_at,
    Plan.pending_step,
)
"""What a list shows: the plan row's own columns, never the large JSON sections."""


async def list_plans(
    session: AsyncSession,
    principal: Principal,
    filters: PlanFilters,
    page: PageParams,
    window: AskedWindow | None = None,
) -> tuple[list[Plan], int]:
    """One page of visible plans (the summary columns only: no children, no N+1)."""
    visible = readable(principal).where(*_filters(filters, window))
    total = await session.scalar(visible.with_only_columns(func.count(Plan.id)))
    rows = await session.scalars(
        visible.options(load_only(*SUMMARY_COLUMNS))
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


async def plans_in_states(
    session: AsyncSession,
    principal: Principal,
    states: frozenset[str],
    window: AskedWindow | None = None,
) -> list[Plan]:
    """Every visible plan in ``states`` (summary columns), e.g. the national review queue."""
    query = readable(principal).where(
        Plan.state.in_(sorted(states)), *(asked_in(window) if window is not None else [])
    )
    rows = await session.scalars(query.options(load_only(*SUMMARY_COLUMNS)).order_by(Plan.id))
    return list(rows)


async def full_plans(session: AsyncSession, ids: list[int]) -> dict[int, Plan]:
    """Plans with their children, by id (no tenancy filter: ids come from a filtered query)."""
    if not ids:
        return {}
    query = (
        select(Plan)
        .where(Plan.id.in_(ids))
        .options(*_full())
        .execution_options(populate_existing=True)
    )
    return {plan.id: plan for plan in await session.scalars(query)}


async def round_members(session: AsyncSession, window: AskedWindow) -> list[Plan]:
    """Every plan of a round, with its children (round publication; no tenancy filter)."""
    query = (
        select(Plan)
        .where(*asked_in(window))
        .options(*_full())
        .order_by(Plan.id)
        .execution_options(populate_existing=True)
    )
    return list(await session.scalars(query))


async def last_completion(session: AsyncSession, plan_id: int) -> datetime | None:
    """When the last completed pre-check was completed (the moment its content was recorded)."""
    query = select(func.max(PlanHistory.occurred_at)).where(
        PlanHistory.plan_id == plan_id, PlanHistory.action == "complete_precheck"
    )
    return await session.scalar(query)


async def last_step(session: AsyncSession, plan_id: int, action: str) -> PlanHistory | None:
    """The plan's most recent history row of ``action`` (e.g. the last return, the last
    publication)."""
    query = (
        select(PlanHistory)
        .where(PlanHistory.plan_id == plan_id, PlanHistory.action == action)
        .order_by(PlanHistory.id.desc())
        .limit(1)
    )
    return await session.scalar(query)


async def arrivals(session: AsyncSession, ids: list[int], state: str) -> dict[int, datetime]:
    """When each plan last arrived in ``state`` (its waiting clock), by plan id."""
    if not ids:
        return {}
    query = (
        select(PlanHistory.plan_id, func.max(PlanHistory.occurred_at))
        .where(PlanHistory.plan_id.in_(ids), PlanHistory.to_state == state)
        .group_by(PlanHistory.plan_id)
    )
    rows = (await session.execute(query)).all()
    return dict(rows)


async def current_snapshot_content(session: AsyncSession, plan_id: int) -> dict[str, Any] | None:
    """The content of the plan's current published snapshot (None: never published)."""
    query = select(PlanSnapshot.content).where(
        PlanSnapshot.plan_id == plan_id, PlanSnapshot.is_current.is_(True)
    )
    return await session.scalar(query)


async def get_visible_plan(
    session: AsyncSession, principal: Principal, plan_id: int, *, refresh: bool = False
) -> Plan | None:
    query = readable(principal).where(Plan.id == plan_id).options(*_full())
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


async def set_kgi_years(
    session: AsyncSession, plan_id: int, kind: str, years: dict[str, int | None]
) -> None:
    """The years of the plan's KGIs of one kind (the mandatory ones follow the plan's)."""
    await session.execute(
        update(Kgi)
        .where(Kgi.plan_id == plan_id, Kgi.kind == kind)
        .values(**years)
        .execution_options(synchronize_session=False)
    )


async def delete_kgis(session: AsyncSession, plan_id: int) -> None:
    await session.execute(delete(Kgi).where(Kgi.plan_id == plan_id))


async def delete_kpis(session: AsyncSession, plan_id: int) -> None:
    await session.execute(delete(Kpi).where(Kpi.plan_id == plan_id))


async def delete_core_companies(session: AsyncSession, plan_id: int) -> None:
    await session.execute(delete(CoreCompany).where(CoreCompany.plan_id == plan_id))


async def delete_co_authors(session: AsyncSession, plan_id: int) -> None:
    """Every author of the plan but its lead."""
    await session.execute(
        delete(PlanAuthor).where(PlanAuthor.plan_id == plan_id, PlanAuthor.is_lead.is_(False))
    )


async def retire_current_version(session: AsyncSession, plan_id: int, now: datetime) -> None:
    """The plan's published version stops being the current one, and its core companies' listing
    ends at ``now``."""
    await session.execute(
        update(PlanSnapshot)
        .where(PlanSnapshot.plan_id == plan_id, PlanSnapshot.is_current.is_(True))
        .values(is_current=False)
        .execution_options(synchronize_session=False)
    )
    await session.execute(
        update(SnapshotCompany)
        .where(SnapshotCompany.plan_id == plan_id, SnapshotCompany.valid_until.is_(None))
        .values(valid_until=now)
        .execution_options(synchronize_session=False)
    )
