"""The national KGI roll-up (seed 001 全体KGI): the mandatory KGIs totalled over published plans
and, separately, over plans whose pre-check is complete, by prefecture and type, and nationally
with and without the Tokyo area."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from chiiki_common.validators import TOKYO_AREA_PREFECTURES, prefecture_code
from plans_api.models import Plan, PlanSnapshot, PlanState
from plans_api.organisations import prefecture_name
from plans_api.plans.kgi_requirements import ROLLUP_KINDS
from plans_api.rollup.schemas import KgiRollup, KgiTotals, PrefectureTypeTotals, RollupSet

PlanKgis = tuple[str, str, list[tuple[str, float | None]]]
"""(prefecture, plan type, [(kind, target)])."""

COMPLETED_NOT_PUBLISHED = (
    PlanState.precheck_completed.value,
    PlanState.announced.value,
    PlanState.submitted.value,
)


def _totals(plans: Iterable[PlanKgis]) -> KgiTotals:
    totals = {kind.value: 0.0 for kind in ROLLUP_KINDS}
    count = 0
    for _prefecture, _type, kgis in plans:
        count += 1
        for kind, target in kgis:
            if kind in totals and target is not None:
                totals[kind] += target
    return KgiTotals(plans=count, totals=totals)


def rollup(plans: list[PlanKgis]) -> RollupSet:
    groups: dict[tuple[str, str], list[PlanKgis]] = defaultdict(list)
    for plan in plans:
        groups[(plan[0], plan[1])].append(plan)
    return RollupSet(
        by_prefecture_and_type=[
            PrefectureTypeTotals(
                prefecture_code=prefecture_code(prefecture),
                prefecture_name=prefecture_name(prefecture),
                plan_type=plan_type,
                **_totals(members).model_dump(),
            )
            for (prefecture, plan_type), members in sorted(groups.items())
        ],
        national=_totals(plans),
        national_excluding_tokyo_area=_totals(
            p for p in plans if p[0] not in TOKYO_AREA_PREFECTURES
        ),
    )


async def kgi_rollup(session: AsyncSession) -> KgiRollup:
    snapshots = await session.scalars(select(PlanSnapshot).where(PlanSnapshot.is_current.is_(True)))
    published: list[PlanKgis] = [
        (
            s.lead_prefecture,
            s.plan_type,
            [(k["kind"], k.get("target")) for k in s.content.get("kgis", [])],
        )
        for s in snapshots
    ]
    completed_plans = await session.scalars(
        select(Plan)
        .where(Plan.state.in_(COMPLETED_NOT_PUBLISHED), Plan.published_version.is_(None))
        .options(selectinload(Plan.kgis))
    )
    completed: list[PlanKgis] = [
        (p.lead_prefecture, p.plan_type, [(k.kind, k.target) for k in p.kgis])
        for p in completed_plans
    ]
    return KgiRollup(published=rollup(published), precheck_completed=rollup(completed))
