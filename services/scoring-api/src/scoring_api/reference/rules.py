"""The scoring rules other programs read instead of keeping their own copies: the 参考リスト
estimate's conditions, the 定量的基準 a call starts from, the earliest 様式2 fiscal year, the
documents every call asks for and the connector / hub metrics' names. Each value comes from its
one home in the domain code or the settings; this module only gathers them (served at
``GET /api/scoring/reference/rules`` and written into the SPA's ``scoringRules.gen.ts`` by
``scripts/spa_rules.py``).

参考リスト (seed 000 ⑨): 「①都道府県内でコネクター度・ハブ度が相対的に高いこと、②従業員規模が
2,000名以下であること」; 公募 (seed 003): 「直近の決算で売上高が10億円以上、従業員規模が2,000名
以下」, 様式2 「取引高情報(2024年4月以降開始年度) ※記載必須」."""

from __future__ import annotations

from typing import Any

from scoring_api.calls.criteria import (
    FORM2_EARLIEST_START,
    MAX_EMPLOYEES_DEFAULT,
    MIN_SALES_DEFAULT,
)
from scoring_api.calls.schemas import REQUIRED_DOCUMENTS
from scoring_api.scores.formulas import METRICS
from scoring_api.settings import Settings


def rules_document(settings: Settings) -> dict[str, Any]:
    """The rules as plain JSON values, in a stable order; the 参考リスト conditions are this
    deployment's settings."""
    return {
        "reference_list": {
            "top_percent": settings.reference_list_top_percent,
            "max_employees": settings.reference_list_max_employees,
        },
        "call_criteria_defaults": {
            "min_sales": MIN_SALES_DEFAULT,
            "max_employees": MAX_EMPLOYEES_DEFAULT,
        },
        "form2_earliest_start": FORM2_EARLIEST_START.isoformat(),
        "required_documents": [
            {"code": code, "label": label} for code, label in REQUIRED_DOCUMENTS.items()
        ],
        "metrics": [
            {
                "name": m.name,
                "label": m.label,
                "definition": m.definition.value,
                "numerator_label": m.numerator_label,
                "denominator_label": m.denominator_label,
            }
            for m in METRICS
        ],
    }


def default_rules_document() -> dict[str, Any]:
    """The document with the settings' defaults (not this machine's environment): the SPA's copy."""
    return rules_document(Settings.model_construct())
