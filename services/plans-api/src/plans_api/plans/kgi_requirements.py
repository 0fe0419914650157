"""The mandatory KGIs per plan type (必須KGI), in one place.

seed 000 B ④: 官民設備投資額 (target-year value AND the cumulative value from plan start to the target
year), 付加価値増加額 (target year), 産業ニーズに即した産業人材育成数 (target year).
seed 000 C ④: 付加価値増加額 (target year); ※1 一人当たり付加価値労働生産性の増加額・増加率 may stand
in for it. seed 001: the same per-type KGIs, totalled nationally outside the Tokyo area.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from plans_api.models import PlanType


class KgiKind(StrEnum):
    capex_target_year = "capex_target_year"
    capex_cumulative = "capex_cumulative"
    value_added = "value_added"
    human_resources = "human_resources"
    labour_productivity = "labour_productivity"
    own = "own"


KGI_KIND_LABELS: dict[KgiKind, str] = {
    KgiKind.capex_target_year: "計画での官民設備投資額(目標年度)",
    KgiKind.capex_cumulative: "計画での官民設備投資額(計画策定時点から目標年度までの累積)",
    KgiKind.value_added: "計画での付加価値増加額",
    KgiKind.human_resources: "計画での産業ニーズに即した産業人材育成数",
    KgiKind.labour_productivity: "一人当たり付加価値労働生産性の増加額・増加率",
    KgiKind.own: "計画独自のKGI",
}


@dataclass(frozen=True)
class MandatoryKgi:
    """One mandatory KGI; any one of ``accepted`` satisfies it. ``name`` and ``unit`` pre-fill
    a new plan's KGI table (the editor's row; the author may reword the name)."""

    accepted: tuple[KgiKind, ...]
    label: str
    name: str
    unit: str


MANDATORY_KGIS: dict[PlanType, tuple[MandatoryKgi, ...]] = {
    PlanType.B: (
        MandatoryKgi(
            (KgiKind.capex_target_year,),
            KGI_KIND_LABELS[KgiKind.capex_target_year],
            "官民設備投資額（目標年度）",
            "百万円",
        ),
        MandatoryKgi(
            (KgiKind.capex_cumulative,),
            KGI_KIND_LABELS[KgiKind.capex_cumulative],
            "官民設備投資額（累積）",
            "百万円",
        ),
        MandatoryKgi(
            (KgiKind.value_added,), KGI_KIND_LABELS[KgiKind.value_added], "付加価値増加額", "百万円"
        ),
        MandatoryKgi(
            (KgiKind.human_resources,),
            KGI_KIND_LABELS[KgiKind.human_resources],
            "産業人材育成数",
            "人",
        ),
    ),
    PlanType.C: (
        MandatoryKgi(
            (KgiKind.value_added, KgiKind.labour_productivity),
            "計画での付加価値増加額(又は一人当たり付加価値労働生産性の増加額・増加率)",
            "付加価値増加額",
            "百万円",
        ),
    ),
}

ROLLUP_KINDS: tuple[KgiKind, ...] = (
    KgiKind.capex_target_year,
    KgiKind.capex_cumulative,
    KgiKind.value_added,
    KgiKind.human_resources,
)
"""The KGIs of the national roll-up (seed 001 全体KGI)."""


def is_mandatory_kind(plan_type: PlanType, kind: str) -> bool:
    """A KGI of a kind that satisfies one of the type's mandatory KGIs (its years are the plan's)."""
    return any(kind in mandatory.accepted for mandatory in MANDATORY_KGIS.get(plan_type, ()))


def mandatory_years(
    plan_type: PlanType, kind: str, start_fy: int | None, goal_fy: int | None
) -> dict[str, int | None]:
    """The years a mandatory KGI takes from its plan: the goal year as target year, and for the
    cumulative capex the start fiscal year as the start of the cumulation (seed 000 B ④)."""
    if not is_mandatory_kind(plan_type, kind):
        return {}
    years: dict[str, int | None] = {"target_year": goal_fy}
    if kind == KgiKind.capex_cumulative:
        years["baseline_year"] = start_fy
    return years


def missing_mandatory_kgis(plan_type: PlanType, kinds: set[str]) -> list[MandatoryKgi]:
    return [
        mandatory
        for mandatory in MANDATORY_KGIS.get(plan_type, ())
        if not any(kind in kinds for kind in mandatory.accepted)
    ]


def value_added_increase(sales_increase: float, value_added_rate: float) -> float:
    """C's simple estimate (seed 000 C ④): 売上増加額 × 既存の付加価値率."""
    return sales_increase * value_added_rate
