"""The 様式 workbook (B: 様式1-1〜1-4, C: 様式2-1〜2-4; seed 000 ⑦提出様式).

The official templates are not public yet, so each sheet follows the description items (①記載項目):
Japanese headings, 和暦 beside 西暦, numbers stored as numbers, the plan's version on every sheet.
Column A (hidden) holds machine keys so the same workbook can be read back into a draft.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from chiiki_common import clock, spreadsheets
from plans_api.models import PlanType
from plans_api.plans.content import (
    COMMITMENT_MODELS,
    REQUIREMENTS,
    SECTION_MODELS,
    STRATEGIC_FIELDS,
)
from plans_api.plans.schemas import PlanOut
from plans_api.plans.validation import FIVE_W1H_LABELS

LIST_SEPARATOR = "、"
HEADING = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    fiscal_year: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    label: str
    columns: tuple[tuple[str, str], ...]


Item = Field | Table

KGI_COLUMNS = (
    ("key", "キー"),
    ("kind", "種類"),
    ("name", "KGI名"),
    ("unit", "単位"),
    ("baseline", "基準値"),
    ("baseline_year", "基準年度"),
    ("target", "目標値"),
    ("target_year", "目標年度"),
    ("basis", "設定の根拠"),
)
KPI_COLUMNS = (
    ("key", "キー"),
    ("name", "KPI名"),
    ("unit", "単位"),
    ("baseline", "基準値"),
    ("kgi_key", "対応するKGIのキー"),
    ("withdrawal_comparator", "撤退基準(比較: 未満・以下・超・以上)"),
    ("withdrawal_threshold", "撤退基準(閾値)"),
    ("withdrawal_text", "撤退基準(内容)"),
    *((f"five_w1h.{k}", f"5W1H:{v}") for k, v in FIVE_W1H_LABELS.items()),
)
KPI_TARGET_COLUMNS = (("kpi_key", "KPIのキー"), ("period", "半期"), ("value", "目標値"))
COMPANY_COLUMNS = (
    ("corporate_number", "法人番号"),
    ("name", "名称"),
    ("role", "サプライチェーン・バリューチェーン内での役割"),
    ("scale", "事業規模"),
)


def _section_fields(plan_type: PlanType, heading: str) -> list[Field]:
    model = SECTION_MODELS[plan_type].model_fields[heading].annotation
    assert isinstance(model, type)
    return [
        Field(f"sections.{heading}.{name}", str(field.description or name))
        for name, field in model.model_fields.items()
    ]


def _commitment_fields(plan_type: PlanType) -> list[Field]:
    labels = {
        "departments": "伴走支援の担当部署",
        "staff": "人員確保・体制",
        "frequency": "伴走支援の頻度",
        "support_fields": "伴走支援を行う分野",
        "measures": "伴走支援の具体的取組",
        "financial_institutions": "参画する地域金融機関",
        "department": "相談窓口の担当部署",
        "further_departments": "その他の相談窓口(自治体の他部署・関係団体等)",
        "contact": "相談窓口の連絡先",
    }
    return [
        Field(f"commitment.{name}", labels.get(name, name))
        for name in COMMITMENT_MODELS[plan_type].model_fields
    ]


def sheets_for(plan_type: PlanType) -> list[tuple[str, str, list[Item]]]:
    """(sheet name, title, items) of each 様式 of the type."""
    b = plan_type == PlanType.B
    number = "1" if b else "2"
    first = "industry" if b else "field"
    basics: list[Item] = [
        Field("title", "計画の名称"),
        Field("period_start_fy", "計画期間(開始年度)", fiscal_year=True),
        Field("period_end_fy", "計画期間(終了年度)", fiscal_year=True),
        Field("goal_fiscal_year", "目標年度", fiscal_year=True),
        Field("strategic_fields", "戦略分野(17分野)"),
    ]
    if b:
        basics.append(Field("jsic_codes", "1(1) 該当する業種(日本標準産業分類)"))
    return [
        (
            f"様式{number}-1",
            "計画の概要・" + ("産業領域・区域" if b else "支援する分野・地域"),
            [*basics, *_section_fields(plan_type, first), *_section_fields(plan_type, "area")],
        ),
        (
            f"様式{number}-2",
            "計画推進の核となる企業" if b else "本プラン推進の核となる事業者",
            [Table("core_companies", "核となる企業・事業者", COMPANY_COLUMNS)],
        ),
        (
            f"様式{number}-3",
            "現状認識と目指す姿【目標】・勝ち筋【道筋】",
            [
                *_section_fields(plan_type, "present_and_goals"),
                Table("kgis", "KGI(目指すべき目標)", KGI_COLUMNS),
                *_section_fields(plan_type, "path"),
            ],
        ),
        (
            f"様式{number}-4",
            "政策手段・KPI・現地化・自治体のコミットメント・要件",
            [
                *_section_fields(plan_type, "policy"),
                Table("kpis", "KPI及びKPI未達時の撤退基準", KPI_COLUMNS),
                Table("kpi_targets", "KPIの半期ごとの目標値", KPI_TARGET_COLUMNS),
                *_section_fields(plan_type, "localisation"),
                *_commitment_fields(plan_type),
                *(
                    Field(f"requirements.{r.number}", f"要件{r.number}【{r.label}】の充足状況")
                    for r in REQUIREMENTS[plan_type]
                ),
            ],
        ),
    ]


def _flat(plan: PlanOut) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": plan.title,
        "period_start_fy": plan.period_start_fy,
        "period_end_fy": plan.period_end_fy,
        "goal_fiscal_year": plan.goal_fiscal_year,
        "strategic_fields": LIST_SEPARATOR.join(
            STRATEGIC_FIELDS.get(f, f) for f in plan.strategic_fields
        ),
        "jsic_codes": LIST_SEPARATOR.join(plan.jsic_codes),
    }
    for heading, items in plan.sections.items():
        for name, value in (items or {}).items():
            values[f"sections.{heading}.{name}"] = value
    for name, value in plan.commitment.items():
        values[f"commitment.{name}"] = (
            LIST_SEPARATOR.join(value) if isinstance(value, list) else value
        )
    for requirement in plan.requirements:
        values[f"requirements.{requirement.number}"] = requirement.statement
    return values


def _rows(plan: PlanOut, table: str) -> list[dict[str, Any]]:
    if table == "core_companies":
        return [c.model_dump() for c in plan.core_companies]
    if table == "kgis":
        return [k.model_dump() for k in plan.kgis]
    if table == "kpi_targets":
        return [
            {"kpi_key": k.key, "period": t["period"], "value": t["value"]}
            for k in plan.kpis
            for t in k.targets
        ]
    rows = []
    for kpi in plan.kpis:
        row: dict[str, Any] = {
            "key": kpi.key,
            "name": kpi.name,
            "unit": kpi.unit,
            "baseline": kpi.baseline,
            "kgi_key": kpi.kgi_key,
            "withdrawal_comparator": (
                COMPARATOR_LABELS.get(kpi.withdrawal.comparator, kpi.withdrawal.comparator)
                if kpi.withdrawal
                else None
            ),
            "withdrawal_threshold": kpi.withdrawal.threshold if kpi.withdrawal else None,
            "withdrawal_text": kpi.withdrawal.text if kpi.withdrawal else None,
        }
        for name in FIVE_W1H_LABELS:
            row[f"five_w1h.{name}"] = kpi.five_w1h.get(name)
        rows.append(row)
    return rows


def _header(sheet: Worksheet, name: str, title: str, plan: PlanOut) -> None:
    today = clock.today_jst()
    spreadsheets.append_row(sheet, ["sheet", f"{name} {title}"])
    spreadsheets.append_row(sheet, ["meta", "計画ID", plan.id, "版", plan.version])
    spreadsheets.append_row(sheet, ["meta", "類型", plan.plan_type.value, "改訂", plan.revision])
    spreadsheets.append_row(sheet, ["meta", "出力日", today, clock.wareki(today)])
    sheet.append([])
    sheet["B1"].font = Font(bold=True, size=14)
    sheet.cell(row=4, column=3).number_format = "yyyy-mm-dd"


def build_workbook(plan: PlanOut) -> bytes:
    """The 様式 workbook of ``plan`` as .xlsx bytes. Every value goes through
    :func:`chiiki_common.spreadsheets.append_row`: a text is never a formula."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    values = _flat(plan)
    for name, title, items in sheets_for(plan.plan_type):
        sheet = workbook.create_sheet(name)
        _header(sheet, name, title, plan)
        for item in items:
            if isinstance(item, Field):
                value = values.get(item.key)
                row: list[Any] = ["field:" + item.key, item.label, value]
                if item.fiscal_year and isinstance(value, int):
                    row.append(clock.wareki_fiscal_year(value))
                spreadsheets.append_row(sheet, row)
                sheet.cell(row=sheet.max_row, column=2).font = HEADING
                sheet.cell(row=sheet.max_row, column=3).alignment = Alignment(wrap_text=True)
                continue
            sheet.append([])
            spreadsheets.append_row(sheet, ["table:" + item.name, item.label])
            sheet.cell(row=sheet.max_row, column=2).font = HEADING
            spreadsheets.append_row(
                sheet,
                [
                    "cols:" + ",".join(k for k, _ in item.columns),
                    *(label for _, label in item.columns),
                ],
            )
            for cell in sheet[sheet.max_row][1:]:
                cell.font, cell.fill = HEADING, HEADER_FILL
            for data in _rows(plan, item.name):
                spreadsheets.append_row(sheet, ["row", *(data.get(k) for k, _ in item.columns)])
            sheet.append([])
        sheet.column_dimensions["A"].hidden = True
        sheet.column_dimensions["B"].width = 40
        sheet.column_dimensions["C"].width = 60
        sheet.column_dimensions["D"].width = 18
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- reading back ---------------------------------------------------------------------------------


@dataclass
class ImportedPlan:
    plan_type: PlanType
    version: int | None
    plan_id: int | None
    """The plan the workbook was written from (its 計画ID row), None when the row is missing."""
    fields: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]


class WorkbookError(ValueError):
    """The file is not a 様式 workbook this system wrote."""


SHEET_NAMES = {t: tuple(name for name, _, _ in sheets_for(t)) for t in (PlanType.B, PlanType.C)}


async def read_workbook(data: bytes) -> ImportedPlan:
    """A 様式 workbook read back with :mod:`chiiki_common.spreadsheets` (off the event loop, within
    its limits; a formula cell refuses the file, naming the cell). Only the 様式 sheets are read."""
    if not spreadsheets.is_xlsx(data):
        raise WorkbookError("Excel(.xlsx)ファイルとして読み込めません")
    book = await spreadsheets.read_xlsx(
        data, sheets=[name for names in SHEET_NAMES.values() for name in names]
    )
    names = set(book.names)
    plan_type = next((t for t, wanted in SHEET_NAMES.items() if set(wanted) <= names), None)
    if plan_type is None:
        raise WorkbookError("様式1-1〜1-4 又は 様式2-1〜2-4 のシートが見つかりません")
    fields: dict[str, Any] = {}
    tables: dict[str, list[dict[str, Any]]] = {}
    version: int | None = None
    plan_id: int | None = None
    for name in SHEET_NAMES[plan_type]:
        sheet = book.sheet(name)
        assert sheet is not None
        columns: list[str] = []
        current: list[dict[str, Any]] | None = None
        previous = 0
        for number, row in sheet.rows:
            marker = row[0] if row else None
            if number != previous + 1 or not isinstance(marker, str):
                current = None  # an empty row ends a table, as it did when the file was written
            previous = number
            if not isinstance(marker, str):
                continue
            if marker == "meta" and len(row) > 4 and row[1] == "計画ID":
                version = row[4] if isinstance(row[4], int) else None
                plan_id = row[2] if isinstance(row[2], int) else plan_id
            elif marker.startswith("field:"):
                fields[marker[6:]] = row[2] if len(row) > 2 else None
            elif marker.startswith("table:"):
                current = tables.setdefault(marker[6:], [])
            elif marker.startswith("cols:"):
                columns = marker[5:].split(",")
            elif marker == "row" and current is not None:
                cells = row[1:]
                current.append(
                    {c: cells[i] if i < len(cells) else None for i, c in enumerate(columns)}
                )
    return ImportedPlan(
        plan_type=plan_type, version=version, plan_id=plan_id, fields=fields, tables=tables
    )


def split_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    return [part.strip() for part in str(value).split(LIST_SEPARATOR) if part.strip()]


FIELD_CODES = {label: code for code, label in STRATEGIC_FIELDS.items()}
"""Strategic fields are written by their Japanese names and read back to codes."""

COMPARATOR_LABELS = {"lt": "未満", "le": "以下", "gt": "超", "ge": "以上"}
"""A KPI's withdrawal comparison as the workbook writes it (the value is below / at most / above /
at least the threshold); read back to the code, and a workbook written with the codes still reads."""
COMPARATOR_CODES = {label: code for code, label in COMPARATOR_LABELS.items()}
