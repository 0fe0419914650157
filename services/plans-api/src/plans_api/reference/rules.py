"""The plan rules other programs read instead of keeping their own copies: the 17 strategic fields,
the requirements per type, the mandatory KGIs per type, the KGI kinds' names, the plan period, the
workflow states, the states in which authors edit and the 東京圏 the national roll-up leaves out. Each value comes from its one home in the domain code; this module only gathers them
(served at ``GET /api/plans/reference/rules`` and written into the SPA's ``rules.gen.ts`` by
``scripts/spa_rules.py``)."""

from __future__ import annotations

from typing import Any

from plans_api.models import PlanState, PlanType
from plans_api.plans.content import REQUIREMENTS, STRATEGIC_FIELDS
from plans_api.plans.kgi_requirements import KGI_KIND_LABELS, MANDATORY_KGIS
from plans_api.plans.validation import PLAN_PERIOD_YEARS
from plans_api.rollup.service import TOKYO_AREA_PREFECTURES
from plans_api.workflow.transitions import EDITABLE_STATES

AUTHORED_TYPES = (PlanType.B, PlanType.C)


def rules_document() -> dict[str, Any]:
    """The rules as plain JSON values, in a stable order."""
    return {
        "strategic_fields": [{"code": c, "label": label} for c, label in STRATEGIC_FIELDS.items()],
        "requirements": {
            t.value: [
                {"number": r.number, "label": r.label, "text": r.text} for r in REQUIREMENTS[t]
            ]
            for t in AUTHORED_TYPES
        },
        "mandatory_kgis": {
            t.value: [
                {
                    "kind": m.accepted[0].value,
                    "accepted": [k.value for k in m.accepted],
                    "label": m.label,
                    "name": m.name,
                    "unit": m.unit,
                }
                for m in MANDATORY_KGIS[t]
            ]
            for t in AUTHORED_TYPES
        },
        "plan_states": [{"state": s.value, "label": s.label} for s in PlanState],
        "editable_states": [s.value for s in PlanState if s in EDITABLE_STATES],
        "tokyo_area_prefectures": sorted(TOKYO_AREA_PREFECTURES),
        "kgi_kinds": [{"kind": k.value, "label": label} for k, label in KGI_KIND_LABELS.items()],
        "plan_period_years": PLAN_PERIOD_YEARS,
    }
