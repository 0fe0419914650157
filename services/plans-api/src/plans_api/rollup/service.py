"""The national KGI roll-up (seed 001 全体KGI): the mandatory KGIs totalled over published plans
and, separately, over plans whose pre-check is complete, by prefecture and type, and nationally
with and without the Tokyo area."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.auth import Principal
from chiiki_common.validators import prefecture_code
from plans_api.models import PlanState
from plans_api.organisations import prefecture_name
from plans_api.plans.kgi_requirements import ROLLUP_KINDS, KgiKind
from plans_api.rollup import repository as rollup_repository
from plans_api.rollup.schemas import (
    KgiRollup,
    KgiTotals,
    PlanStateCounts,
    PrefectureTypeTotals,
    RollupSet,
    StateCount,
)

PlanKgis = tuple[str, str, list[tuple[str, float | None, str]]]
"""(prefecture, plan type, [(kind, target, unit)])."""

MONETARY_KINDS = (KgiKind.capex_target_year, KgiKind.capex_cumulative, KgiKind.value_added)

YEN_UNITS: dict[str, int] = {
    "円": 1,
    "千円": 1_000,
    "万円": 10_000,
    "百万円": 1_000_000,
    "億円": 100_000_000,
    "兆円": 1_000_000_000_000,
}
"""The yen units a monetary KGI may be entered in (the forms use 千円 and 百万円, plans often 億円)."""


def yen_factor(unit: str) -> int | None:
    """How many 円 one ``unit`` is, or None when ``unit`` is not a yen unit."""
    return YEN_UNITS.get("".join(unit.split()))


TOKYO_AREA_PREFECTURES = frozenset({"11", "12", "13", "14"})
"""東京圏 (埼玉県, 千葉県, 東京都, 神奈川県): the national KGI roll-up is also given without them
(seed 001 全体KGI: 「東京圏以外での官民設備投資額」「東京圏以外での付加価値増加額」)."""

COMPLETED_NOT_PUBLISHED = (
    PlanState.precheck_completed.value,
    PlanState.announced.value,
    PlanState.submitted.value,
)


def _totals(plans: Iterable[PlanKgis]) -> KgiTotals:
    totals = {kind.value: 0.0 for kind in ROLLUP_KINDS}
    yen_totals = {kind.value: 0 for kind in MONETARY_KINDS}
    count = unconverted = 0
    for _prefecture, _type, kgis in plans:
        count += 1
        for kind, target, unit in kgis:
            if kind not in totals or target is None:
                continue
            totals[kind] += target
            if kind in yen_totals:
                factor = yen_factor(unit)
                if factor is None:
                    unconverted += 1
                else:
                    yen_totals[kind] += round(target * factor)
    return KgiTotals(
        plans=count, totals=totals, yen_totals=yen_totals, unconverted_kgis=unconverted
    )


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
    snapshots = await rollup_repository.current_snapshots(session)
    published: list[PlanKgis] = [
        (
            s.lead_prefecture,
            s.plan_type,
            [(k["kind"], k.get("target"), k.get("unit", "")) for k in s.content.get("kgis", [])],
        )
        for s in snapshots
    ]
    completed_plans = await rollup_repository.never_published_with_kgis(
        session, COMPLETED_NOT_PUBLISHED
    )
    completed: list[PlanKgis] = [
        (p.lead_prefecture, p.plan_type, [(k.kind, k.target, k.unit) for k in p.kgis])
        for p in completed_plans
    ]
    return KgiRollup(published=rollup(published), precheck_completed=rollup(completed))


async def plan_state_counts(session: AsyncSession, principal: Principal) -> PlanStateCounts:
    """Plans per workflow state, over what ``principal`` may see (the tenancy filter applies)."""
    counts = await rollup_repository.state_counts(session, principal)
    return PlanStateCounts(
        total=sum(counts.values()),
        by_state=[StateCount(state=s, plans=counts.get(s.value, 0)) for s in PlanState],
    )
