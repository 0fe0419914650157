"""What a reviewer comments on beside the plan: the requirements (要件, numbered) and the parts of
the plan (記載項目 1–6 by their key, the commitment, the KGI and KPI tables, the core companies).

The comments travel with the return or the completion and are kept in that step's history row,
together with the content the reviewer saw (``details.content``), so a resubmitted plan can be
compared with the version that was returned (``GET /api/plans/{id}/changes?since=returned``)."""

from __future__ import annotations

from chiiki_common.errors import FieldProblem
from plans_api.models import PlanType
from plans_api.plans.content import SECTION_MODELS

PLAN_PARTS = ("commitment", "kgis", "kpis", "core_companies")
"""Parts of a plan outside the description items that a reviewer may comment on."""


def review_sections(plan_type: PlanType) -> tuple[str, ...]:
    """The keys a section comment may name for a plan of ``plan_type``."""
    model = SECTION_MODELS.get(plan_type)
    headings = tuple(model.model_fields) if model else ()
    return (*headings, *PLAN_PARTS)


def section_comment_problems(
    plan_type: PlanType, sections: list[tuple[str, str]]
) -> list[FieldProblem]:
    """Every section comment that names no part of this plan, repeats a part or says nothing."""
    known = review_sections(plan_type)
    problems = []
    seen: set[str] = set()
    for index, (section, comment) in enumerate(sections):
        if section not in known:
            problems.append(
                FieldProblem(
                    field=f"section_comments/{index}/section",
                    message="この計画にない項目へのコメントです",
                )
            )
        elif section in seen:
            problems.append(
                FieldProblem(
                    field=f"section_comments/{index}/section",
                    message="同じ項目へのコメントが重複しています",
                )
            )
        if not comment.strip():
            problems.append(
                FieldProblem(
                    field=f"section_comments/{index}/comment", message="コメントを入力してください"
                )
            )
        seen.add(section)
    return problems
