"""Bodies of the half-yearly KPI actuals (半期ごとの実績)."""

from __future__ import annotations

from chiiki_common.schemas import InputModel
from plans_api.plans.schemas import Amount, HalfYear


class KpiActualIn(InputModel):
    period: HalfYear
    value: Amount
