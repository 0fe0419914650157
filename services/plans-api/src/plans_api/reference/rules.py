"""The plan rules other programs read instead of keeping their own copies: the plan types' names,
the 17 strategic fields, the requirements per type, the mandatory KGIs per type, the KGI kinds'
names, the plan period, the workflow states, the workflow steps' names and which need a comment,
the states in which authors edit, the 47 prefectures by number, the 東京圏 the national roll-up
leaves out, the withdrawal criterion's comparators, the KPI's 5W1H, the description items and
commitment items per type, the kinds of party a plan is coordinated with (各種調整), and the states
and fields of a prefecture's candidate project for a type A plan (候補プロジェクト案件). Each value
comes from its one home in the domain code; this module only gathers them (served at
``GET /api/plans/reference/rules`` and written into the SPA's ``rules.gen.ts`` by
``scripts/spa_rules.py``)."""

from __future__ import annotations

from typing import Any, TypedDict, get_origin

from pydantic import BaseModel

from chiiki_common.schemas import Text
from plans_api.models import Plan, PlanState, PlanType, ProposalState
from plans_api.organisations import PREFECTURE_NAMES
from plans_api.plans.content import (
    COMMITMENT_MODELS,
    REQUIREMENTS,
    SECTION_MODELS,
    STRATEGIC_FIELDS,
)
from plans_api.plans.coordination import PARTY_KIND_LABELS
from plans_api.plans.headings import HEADINGS
from plans_api.plans.kgi_requirements import KGI_KIND_LABELS, MANDATORY_KGIS
from plans_api.plans.validation import FIVE_W1H_LABELS, PLAN_PERIOD_YEARS, validate_plan
from plans_api.plans.withdrawal import COMPARATOR_LABELS, COMPARATOR_SYMBOLS
from plans_api.proposals.schemas import BudgetCoordination, Investment, Investor, ProposalIn
from plans_api.proposals.service import EDITABLE as PROPOSAL_EDITABLE
from plans_api.rollup.service import TOKYO_AREA_PREFECTURES
from plans_api.workflow.transitions import EDITABLE_STATES, TRANSITIONS

AUTHORED_TYPES = (PlanType.B, PlanType.C)


class PlanTypeRule(TypedDict):
    type: str
    label: str


class ActionRule(TypedDict):
    action: str
    label: str
    needs_comment: bool


class ComparatorRule(TypedDict):
    code: str
    label: str
    symbol: str


class FiveW1HRule(TypedDict):
    name: str
    label: str


class SectionItemRule(TypedDict):
    name: str
    label: str
    required: bool


class SectionRule(TypedDict):
    key: str
    title: str
    items: list[SectionItemRule]


class CommitmentItemRule(TypedDict):
    name: str
    label: str
    required: bool
    list: bool
    multiline: bool


def plan_types() -> list[PlanTypeRule]:
    """The plan types A, B, C with their names (``models/plans.py`` ``PlanType.label``)."""
    return [{"type": t.value, "label": t.label} for t in PlanType]


def actions() -> list[ActionRule]:
    """The workflow's steps (``workflow/transitions.py`` ``TRANSITIONS``): each with the name the
    history gives it and whether the server refuses it without a comment."""
    return [
        {"action": t.action.value, "label": t.label, "needs_comment": t.needs_comment}
        for t in TRANSITIONS.values()
    ]


def comparators() -> list[ComparatorRule]:
    """撤退基準の比較 (``plans/withdrawal.py``): each code with its words (「未満」) and its sign."""
    return [
        {"code": code, "label": label, "symbol": COMPARATOR_SYMBOLS[code]}
        for code, label in COMPARATOR_LABELS.items()
    ]


def five_w1h() -> list[FiveW1HRule]:
    """A KPI's 5W1H (seed 000 ④, ``plans/validation.py``): each part's name and words, in order."""
    return [{"name": name, "label": label} for name, label in FIVE_W1H_LABELS.items()]


def _missing_on_an_empty_plan(plan_type: PlanType, code: str) -> set[str]:
    """The paths the pre-check validation (``plans/validation.py``) reports, under ``code``, on a
    plan with nothing written: the items it asks for."""
    report = validate_plan(Plan(plan_type=plan_type.value, sections={}, commitment={}))
    return {p.field for p in report.errors if p.code == code}


def sections(plan_type: PlanType) -> list[SectionRule]:
    """①記載項目 1–6 of a type: the headings (``versions/labels.py`` ``HEADINGS``), their items in
    the order and words of ``plans/content.py`` (the fields' descriptions), and whether the
    pre-check validation asks for each."""
    missing = _missing_on_an_empty_plan(plan_type, "section.missing")
    headings: list[SectionRule] = []
    for key, heading_field in SECTION_MODELS[plan_type].model_fields.items():
        model = heading_field.annotation
        assert isinstance(model, type)
        items: list[SectionItemRule] = [
            {
                "name": name,
                "label": str(item.description),
                "required": f"sections/{key}/{name}" in missing,
            }
            for name, item in model.model_fields.items()
        ]
        headings.append({"key": key, "title": HEADINGS[plan_type][key], "items": items})
    return headings


def commitment(plan_type: PlanType) -> list[CommitmentItemRule]:
    """自治体のコミットメント of a type (B 伴走支援体制, C 相談窓口; ``plans/content.py``): its items
    with their words, whether the pre-check validation asks for each, whether it is a list and
    whether it is a long text (``Text``, several lines). C's validation asks for the department or
    a further one and names the department when both are empty: it reads as the required one."""
    missing = _missing_on_an_empty_plan(plan_type, "commitment.missing")
    return [
        {
            "name": name,
            "label": str(item.description),
            "required": f"commitment/{name}" in missing,
            "list": get_origin(item.annotation) is list,
            "multiline": item.annotation == Text | None,
        }
        for name, item in COMMITMENT_MODELS[plan_type].model_fields.items()
    ]


FIRST = ("title", "strategic_fields")
"""The proposal's name and fields lead, as the form shows them."""


class FieldRule(TypedDict):
    name: str
    label: str


def proposal_fields() -> list[FieldRule]:
    """A candidate project's fields, by the paths its errors name (``investment/amount_yen``,
    ``budget_coordination/ministry``: a row's field without its index), in the words of their
    descriptions (``proposals/schemas.py``)."""
    fields: list[FieldRule] = []
    ordered = sorted(ProposalIn.model_fields.items(), key=lambda item: item[0] not in FIRST)
    for name, field in ordered:
        fields.append({"name": name, "label": str(field.description)})
        parts: dict[str, type[BaseModel]] = {
            "budget_coordination": BudgetCoordination,
            "investment": Investment,
        }
        part = parts.get(name)
        for sub, sub_field in part.model_fields.items() if part else ():
            fields.append({"name": f"{name}/{sub}", "label": str(sub_field.description)})
    for sub, sub_field in Investor.model_fields.items():
        fields.append({"name": f"investment/investors/{sub}", "label": str(sub_field.description)})
    return fields


def rules_document() -> dict[str, Any]:
    """The rules as plain JSON values, in a stable order."""
    return {
        "plan_types": plan_types(),
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
        "actions": actions(),
        "prefectures": [{"code": c, "name": n} for c, n in sorted(PREFECTURE_NAMES.items())],
        "tokyo_area_prefectures": sorted(TOKYO_AREA_PREFECTURES),
        "kgi_kinds": [{"kind": k.value, "label": label} for k, label in KGI_KIND_LABELS.items()],
        "plan_period_years": PLAN_PERIOD_YEARS,
        "comparators": comparators(),
        "five_w1h": five_w1h(),
        "sections": {t.value: sections(t) for t in AUTHORED_TYPES},
        "commitment": {t.value: commitment(t) for t in AUTHORED_TYPES},
        "coordination_parties": [
            {"kind": k.value, "label": label} for k, label in PARTY_KIND_LABELS.items()
        ],
        "proposal_states": [{"state": s.value, "label": s.label} for s in ProposalState],
        "proposal_editable_states": [s.value for s in ProposalState if s in PROPOSAL_EDITABLE],
        "proposal_fields": proposal_fields(),
    }
