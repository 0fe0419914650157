"""Export a plan as its 様式 workbook and read the same workbook back into a draft."""

from __future__ import annotations

from collections import defaultdict
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.auth import Principal
from chiiki_common.errors import FieldProblem, ValidationFailed, problems_from_pydantic
from chiiki_common.schemas import TEXT_CELLS
from plans_api.exports.workbook import (
    FIELD_CODES,
    ImportedPlan,
    WorkbookError,
    build_workbook,
    read_workbook,
    split_list,
)
from plans_api.models import Plan, PlanType
from plans_api.plans import service as plans
from plans_api.plans.content import COMMITMENT_MODELS
from plans_api.plans.schemas import CoreCompanyIn, KgiIn, KpiIn, PlanPatch

M = TypeVar("M", bound=BaseModel)

LIST_COMMITMENT_FIELDS = {"departments", "financial_institutions", "further_departments"}


async def export_plan(
    session: AsyncSession, principal: Principal, plan_id: int
) -> tuple[bytes, str]:
    plan = await plans.get_plan_for(session, principal, plan_id)
    out = await plans.plan_out(session, plan)
    number = "1" if out.plan_type == PlanType.B else "2"
    return build_workbook(out), f"plan-{out.id}-v{out.version}-yoshiki{number}.xlsx"


def _text(value: Any) -> str | None:
    if value is None:
        return None
    return str(value)


def _parse(
    model: type[M], data: dict[str, Any], path: str, problems: list[FieldProblem]
) -> M | None:
    try:
        return model.model_validate(data, context=TEXT_CELLS)
    except ValidationError as exc:
        for problem in problems_from_pydantic(list(exc.errors())):
            problem.field = f"{path}/{problem.field}"
            problems.append(problem)
        return None


def _patch(imported: ImportedPlan, problems: list[FieldProblem]) -> PlanPatch | None:
    fields = imported.fields
    sections: dict[str, dict[str, Any]] = defaultdict(dict)
    commitment: dict[str, Any] = {}
    statements: dict[int, str] = {}
    for key, value in fields.items():
        parts = key.split(".")
        if parts[0] == "sections" and len(parts) == 3:
            sections[parts[1]][parts[2]] = _text(value)
        elif parts[0] == "commitment":
            commitment[parts[1]] = (
                split_list(value) if parts[1] in LIST_COMMITMENT_FIELDS else _text(value)
            )
        elif parts[0] == "requirements" and value not in (None, ""):
            statements[int(parts[1])] = str(value)
    strategic = []
    for index, label in enumerate(split_list(fields.get("strategic_fields"))):
        if label not in FIELD_CODES:
            problems.append(
                FieldProblem(
                    field=f"strategic_fields/{index}", message=f"不明な戦略分野です: {label}"
                )
            )
        strategic.append(FIELD_CODES.get(label, label))
    data: dict[str, Any] = {
        "title": fields.get("title"),
        "period_start_fy": fields.get("period_start_fy"),
        "goal_fiscal_year": fields.get("goal_fiscal_year"),
        "strategic_fields": [s for s in strategic if s in FIELD_CODES.values()],
        "sections": dict(sections),
        "commitment": {
            k: v
            for k, v in commitment.items()
            if k in COMMITMENT_MODELS[imported.plan_type].model_fields
        },
        "requirement_statements": statements,
    }
    if imported.plan_type == PlanType.B:
        data["jsic_codes"] = split_list(fields.get("jsic_codes"))
    return _parse(PlanPatch, data, "様式", problems)


def _kpis(imported: ImportedPlan, problems: list[FieldProblem]) -> list[KpiIn]:
    targets: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in imported.tables.get("kpi_targets", []):
        targets[str(row.get("kpi_key"))].append(
            {"period": row.get("period"), "value": row.get("value")}
        )
    out = []
    for index, row in enumerate(imported.tables.get("kpis", [])):
        withdrawal = None
        if row.get("withdrawal_comparator") is not None:
            withdrawal = {
                "comparator": row.get("withdrawal_comparator"),
                "threshold": row.get("withdrawal_threshold"),
                "text": _text(row.get("withdrawal_text")) or "",
            }
        data = {
            "key": row.get("key"),
            "name": row.get("name"),
            "unit": _text(row.get("unit")) or "",
            "baseline": row.get("baseline"),
            "targets": targets.get(str(row.get("key")), []),
            "withdrawal": withdrawal,
            "five_w1h": {
                k.split(".", 1)[1]: _text(v) for k, v in row.items() if k.startswith("five_w1h.")
            },
            "kgi_key": row.get("kgi_key"),
        }
        parsed = _parse(KpiIn, data, f"kpis/{index}", problems)
        if parsed:
            out.append(parsed)
    return out


def _rows(
    model: type[M], rows: list[dict[str, Any]], path: str, problems: list[FieldProblem]
) -> list[M]:
    out = []
    for index, row in enumerate(rows):
        cleaned = {
            k: ("" if v is None and k in {"role", "scale", "basis"} else v) for k, v in row.items()
        }
        if "corporate_number" in cleaned and cleaned["corporate_number"] is not None:
            cleaned["corporate_number"] = str(cleaned["corporate_number"])
        parsed = _parse(model, cleaned, f"{path}/{index}", problems)
        if parsed:
            out.append(parsed)
    return out


async def import_plan(
    session: AsyncSession, principal: Principal, plan_id: int, if_match: str | None, data: bytes
) -> Plan:
    """Read a 様式 workbook into a draft (the caller's own plan of the same type): every problem in
    the file is listed at once and nothing changes unless the whole file reads. Like every write of
    the authors it applies only in ``draft`` and ``returned`` (the freeze rule)."""
    plan, expected = await plans.begin_write(session, principal, plan_id, if_match)
    try:
        imported = await read_workbook(data)
    except WorkbookError as exc:
        raise ValidationFailed(errors=[FieldProblem(field="file", message=str(exc))]) from exc
    if imported.plan_type != plan.plan_type:
        raise ValidationFailed(
            errors=[FieldProblem(field="file", message="計画の類型と様式の種類が一致しません")]
        )
    problems: list[FieldProblem] = []
    patch = _patch(imported, problems)
    kgis = _rows(KgiIn, imported.tables.get("kgis", []), "kgis", problems)
    kpis = _kpis(imported, problems)
    companies = _rows(
        CoreCompanyIn, imported.tables.get("core_companies", []), "core_companies", problems
    )
    if problems or patch is None:
        raise ValidationFailed("様式の内容に誤りがあります", errors=problems)
    values = plans.patch_values(plan, patch)
    await plans.claim(session, plan, expected, values)
    years = (
        values.get("period_start_fy", plan.period_start_fy),
        values.get("goal_fiscal_year", plan.goal_fiscal_year),
    )
    await plans.put_kgis(session, plan, kgis, years)
    await plans.put_kpis(session, plan, kpis)
    await plans.put_core_companies(session, plan, companies)
    return await plans.done(session, principal, plan, "plan.import")
