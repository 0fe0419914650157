"""The Japanese names a return's comments travel with in ``plan.returned``
(``requirement_labels``, ``section_labels``), so the 修正依頼 mail names each requirement and part of
the plan as the plan page does (notify never shows a key)."""

from __future__ import annotations

from collections.abc import Sequence

from plans_api.models import Plan, PlanType
from plans_api.plans.content import REQUIREMENTS
from plans_api.plans.headings import HEADINGS
from plans_api.versions.labels import area_labels
from plans_api.workflow.schemas import RequirementComment, SectionComment


def requirement_labels(plan: Plan, comments: Sequence[RequirementComment]) -> dict[str, str]:
    """``{"1": "有望度", …}`` for the requirements commented on."""
    titles = {r.number: r.label for r in REQUIREMENTS.get(PlanType(plan.plan_type), ())}
    return {str(c.number): titles[c.number] for c in comments if c.number in titles}


def section_labels(plan: Plan, comments: Sequence[SectionComment]) -> dict[str, str]:
    """``{"present_and_goals": "3. 現状認識と目指す姿【目標】", "kgis": "KGI", …}``."""
    plan_type = PlanType(plan.plan_type)
    names = {**area_labels(plan_type), **HEADINGS.get(plan_type, {})}
    return {c.section: names[c.section] for c in comments if c.section in names}
