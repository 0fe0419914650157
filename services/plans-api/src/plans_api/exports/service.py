"""Export a plan as its 様式 workbook and read the same workbook back into a draft."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.auth import Principal
from chiiki_common.errors import FieldProblem, ValidationFailed, problems_from_pydantic
from chiiki_common.schemas import TEXT_CELLS
from plans_api.exports.workbook import (
    COMPARATOR_CODES,
    FIELD_CODES,
    FORM_NUMBERS,
    ImportedPlan,
    WorkbookError,
    build_workbook,
    read_workbook,
    split_list,
)
from plans_api.models import Plan, PlanAuthor, PlanType
from plans_api.plans import service as plans
from plans_api.plans.content import COMMITMENT_MODELS
from plans_api.plans.freeze import content_of
from plans_api.plans.schemas import CoreCompanyIn, KgiIn, KpiIn, PlanPatch
from plans_api.versions import labels
from plans_api.versions.schemas import ImportPreview

M = TypeVar("M", bound=BaseModel)

LIST_COMMITMENT_FIELDS = {"departments", "financial_institutions", "further_departments"}


async def export_plan(session: AsyncSession, plan: Plan) -> tuple[bytes, str]:
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
    kgi_keys = {str(r["key"]) for r in imported.tables.get("kgis", []) if r.get("key")}
    out = []
    for index, row in enumerate(imported.tables.get("kpis", [])):
        kgi = row.get("kgi_key")
        if kgi is not None and "kgis" in imported.tables and str(kgi) not in kgi_keys:
            problems.append(
                FieldProblem(
                    field=f"kpis/{index}/kgi_key",
                    message=f"対応するKGI「{kgi}」がKGIの表にありません",
                )
            )
            continue
        withdrawal = None
        if row.get("withdrawal_comparator") is not None:
            withdrawal = {
                "comparator": COMPARATOR_CODES.get(
                    str(row.get("withdrawal_comparator")).strip(), row.get("withdrawal_comparator")
                ),
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


@dataclass
class ReadWorkbook:
    """A workbook read into the plan's terms: the plan columns, KGIs, KPIs and companies an
    import writes (the preview compares them, the apply step stores them)."""

    values: dict[str, Any]
    kgis: list[KgiIn]
    kpis: list[KpiIn]
    companies: list[CoreCompanyIn]
    version: int | None

    def years(self, plan: Plan) -> tuple[int | None, int | None]:
        return (
            self.values.get("period_start_fy", plan.period_start_fy),
            self.values.get("goal_fiscal_year", plan.goal_fiscal_year),
        )


TYPE_NAMES = {t: f"{t.value}類型({t.label}、様式{n})" for t, n in FORM_NUMBERS.items()}
"""「B類型(地域産業クラスター計画、様式1)」: a type and its 様式, as the import refuses another's."""


class WorkbookOfAnotherPlan(ValidationFailed):
    slug, title = "workbook-of-another-plan", "別の計画の様式です"


class WorkbookOfAnotherType(ValidationFailed):
    slug, title = "workbook-of-another-type", "計画の類型と様式の種類が一致しません"


async def _read(plan: Plan, data: bytes, *, same_plan: bool) -> ReadWorkbook:
    """The same reading for the preview and the import: every problem in the file at once.
    ``same_plan``: a workbook written from another plan is refused, naming that plan."""
    try:
        imported = await read_workbook(data)
    except WorkbookError as exc:
        raise ValidationFailed(errors=[FieldProblem(field="file", message=str(exc))]) from exc
    if imported.plan_type != plan.plan_type:
        message = (
            f"この様式は{TYPE_NAMES[imported.plan_type]}のものです。"
            f"この計画は{TYPE_NAMES[PlanType(plan.plan_type)]}のため取り込めません"
        )
        raise WorkbookOfAnotherType(message, errors=[FieldProblem(field="file", message=message)])
    if same_plan and imported.plan_id is not None and imported.plan_id != plan.id:
        title = imported.fields.get("title") or ""
        message = (
            f"この様式は「{title}」(計画ID {imported.plan_id})のものです。"
            f"この計画「{plan.title}」(計画ID {plan.id})の様式を選んでください"
        )
        raise WorkbookOfAnotherPlan(
            message,
            errors=[FieldProblem(field="file", message=message)],
            extra={"workbook_plan_id": imported.plan_id, "workbook_title": title},
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
    return ReadWorkbook(plans.patch_values(plan, patch), kgis, kpis, companies, imported.version)


async def import_plan(session: AsyncSession, principal: Principal, plan: Plan, data: bytes) -> Plan:
    """Read a 様式 workbook into a draft (the caller's own plan of the same type): every problem in
    the file is listed at once and nothing changes unless the whole file reads. Like every write of
    the authors it applies only in ``draft`` and ``returned`` (the freeze rule)."""
    plans.ensure_editable(plan)
    read = await _read(plan, data, same_plan=False)
    await plans.claim(session, plan, read.values)
    await plans.put_kgis(session, plan, read.kgis, read.years(plan))
    await plans.put_kpis(session, plan, read.kpis)
    await plans.put_core_companies(session, plan, read.companies)
    return await plans.done(session, principal, plan, "plan.import")


async def preview_import(plan: Plan, data: bytes) -> ImportPreview:
    """What importing the workbook would change (sections, KGIs, KPIs, companies: added, changed,
    removed), read with the same code as the import and written nowhere. Refused as the import
    would be (another type, the freeze rule, callers who may not edit) and also for a workbook
    of another plan, which it names."""
    plans.ensure_editable(plan)
    read = await _read(plan, data, same_plan=True)
    after = _would_be(plan, read)
    return ImportPreview(
        plan_id=plan.id,
        plan_type=PlanType(plan.plan_type),
        version=plan.version,
        workbook_version=read.version,
        changes=labels.describe(PlanType(plan.plan_type), content_of(plan), after),
    )


def _would_be(plan: Plan, read: ReadWorkbook) -> dict[str, Any]:
    """The content the import would leave, built from the rows it would store (never added to
    the session), so ``content_of`` stays the one definition of content."""
    values = read.values
    draft = Plan(
        title=values.get("title", plan.title),
        period_start_fy=values.get("period_start_fy", plan.period_start_fy),
        goal_fiscal_year=values.get("goal_fiscal_year", plan.goal_fiscal_year),
        field_tags=values.get("field_tags", plan.field_tags),
        jsic_codes=values.get("jsic_codes", plan.jsic_codes),
        sections=values.get("sections", plan.sections),
        commitment=values.get("commitment", plan.commitment),
        requirements=values.get("requirements", plan.requirements),
        authors=[
            PlanAuthor(organisation=a.organisation, is_lead=a.is_lead, position=a.position)
            for a in plan.authors
        ],
        kgis=plans.kgi_rows(plan, read.kgis, read.years(plan)),
        kpis=plans.kpi_rows(plan, read.kpis),
        core_companies=plans.company_rows(plan, read.companies),
    )
    return content_of(draft)
