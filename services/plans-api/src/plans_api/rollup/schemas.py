"""Bodies of the national KGI roll-up."""

from __future__ import annotations

from chiiki_common.schemas import OutputModel


class KgiTotals(OutputModel):
    plans: int
    totals: dict[str, float]
    """Sum of the target values per mandatory KGI kind (as entered; units per plan)."""


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
