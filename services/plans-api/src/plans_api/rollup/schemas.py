"""Bodies of the national KGI roll-up."""

from __future__ import annotations

from chiiki_common.schemas import OutputModel
from plans_api.models import PlanState


class KgiTotals(OutputModel):
    plans: int
    totals: dict[str, float]
    """Sum of the target values per mandatory KGI kind (as entered; units per plan)."""
    yen_totals: dict[str, int]
    """The monetary KGIs (官民設備投資額, 付加価値増加額) converted to 円 from each KGI's unit
    (円・千円・万円・百万円・億円・兆円), so plans entered in different units add up."""
    unconverted_kgis: int
    """Monetary KGIs left out of ``yen_totals`` because their unit is not a yen unit."""


class PrefectureTypeTotals(KgiTotals):
    prefecture_code: str
    prefecture_name: str
    plan_type: str


class RollupSet(OutputModel):
    by_prefecture_and_type: list[PrefectureTypeTotals]
    national: KgiTotals
    national_excluding_tokyo_area: KgiTotals
    """seed 001 全体KGI: counted outside 東京圏 (埼玉県・千葉県・東京都・神奈川県)."""


class KgiRollup(OutputModel):
    published: RollupSet
    precheck_completed: RollupSet
    """Plans whose pre-check is complete but which are not yet published."""


class StateCount(OutputModel):
    state: PlanState
    plans: int


class PlanStateCounts(OutputModel):
    """How many plans the national tier sees in each workflow state (drafts never pre-check
    requested stay private to their authors and are not counted)."""

    total: int
    by_state: list[StateCount]
