"""``/api/plans/reference``: the reference lists the plan editor picks from."""

from __future__ import annotations

from fastapi import APIRouter, Response

from plans_api.reference import jsic
from plans_api.reference.auth import ReferenceReader
from plans_api.reference.rules import rules_document
from plans_api.reference.schemas import JsicEntryOut, JsicListOut

router = APIRouter(prefix="/api/plans/reference", tags=["reference"])

REVISION = "日本標準産業分類（令和5年7月改定・第14回改定）"
COVERAGE = (
    "大分類（A〜T）と中分類（01〜99）のすべて。"
    "製造業のうち中分類26・28の小分類、小分類267と中分類28の細分類。"
)


@router.get("/jsic", response_model=JsicListOut)
async def list_jsic(principal: ReferenceReader, response: Response) -> JsicListOut:
    """The 日本標準産業分類 list a plan's 業種 is chosen from (the whole list, about 150 entries,
    in the classification's order; the editor searches it by code or name as one types). A plan
    refuses any code not in it. The list changes only with a release, so it may be cached."""
    response.headers["Cache-Control"] = "private, max-age=3600"
    return JsicListOut(
        revision=REVISION,
        coverage=COVERAGE,
        items=[
            JsicEntryOut(
                code=e.code, name=e.name, level=e.level, label=e.label, keywords=list(e.keywords)
            )
            for e in jsic.entries()
        ],
    )


@router.get("/rules")
async def plan_rules(principal: ReferenceReader, response: Response) -> dict[str, object]:
    """The plan rules as data: the plan types A, B and C with their names, the 17 strategic fields
    (code, name), the requirements of B and C (number, name, wording), the mandatory KGIs of B and
    C (the kinds that satisfy each, its name and unit), the workflow states with their names, the
    states in which the authors edit, the workflow's steps (each with its name and whether it needs
    a comment), the 47 prefectures, the 東京圏 the national roll-up leaves out, the KGI kinds, the
    plan period, the withdrawal criterion's comparators, the KPI's 5W1H, the description items and
    commitment items of B and C, and the kinds of party a plan is coordinated with (各種調整).
    Read these instead of keeping a copy; they change only with a release."""
    response.headers["Cache-Control"] = "private, max-age=3600"
    return rules_document()
