"""The 様式 workbook (B: 様式1-1〜1-4, C: 様式2-1〜2-4; seed 000 ⑦提出様式).

The official templates are not public yet, so each sheet follows the description items (①記載項目)
as a form a person prints for 決裁: Japanese labels in column A with their values beside them,
tables with Japanese headings and values (KGIの種類・名称, 撤退基準の「未満」…), 和暦 beside 西暦,
the plan's version as the screen shows it (第N版), A4 portrait pages (see :mod:`.layout`).

What reading the workbook back needs (the machine keys and where each item sits) is kept on a
hidden sheet, :data:`DATA_SHEET`; a person reads and edits only the forms. Workbooks written
before that sheet existed (keys in a hidden column A) still read.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import UTC
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from chiiki_common import clock, spreadsheets
from plans_api.exports.layout import (
    LAST_COLUMN,
    Pages,
    lines,
    merged,
    row_points,
    set_up_page,
    span_width,
    split_long,
)
from plans_api.kpis.periods import half_year_label, half_year_written
from plans_api.models import PlanType
from plans_api.plans.content import (
    COMMITMENT_MODELS,
    REQUIREMENTS,
    SECTION_MODELS,
    STRATEGIC_FIELDS,
)
from plans_api.plans.headings import HEADINGS
from plans_api.plans.kgi_requirements import KGI_KIND_LABELS
from plans_api.plans.schemas import PlanOut
from plans_api.plans.validation import FIVE_W1H_LABELS
from plans_api.plans.withdrawal import COMPARATOR_LABELS
from plans_api.reference import jsic

LIST_SEPARATOR = "、"
DATA_SHEET = "取込用データ"
"""The hidden sheet with the keys and cell positions the import reads."""
DATA_FORMAT = 2
TITLE_FONT = Font(bold=True, size=14)
HEADING = Font(bold=True)
NOTE = Font(size=9, color="595959")
HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
WRAP = Alignment(wrap_text=True, vertical="top")
BESIDE = Alignment(wrap_text=True, vertical="top", horizontal="left", indent=1)
"""A value beside another cell starts a little to the right, never touching its label."""
THIN = Side(style="thin", color="A6A6A6")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
VALUE_SPAN = (2, LAST_COLUMN)
CONTINUED = "（続き）"

FORM_NUMBERS = {PlanType.B: 1, PlanType.C: 2}
"""The 様式 of each type (seed 000 ⑦提出様式): B 様式1-1〜1-4, C 様式2-1〜2-4."""


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    fiscal_year: bool = False


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    first: int
    last: int


@dataclass(frozen=True)
class Table:
    name: str
    label: str
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class Measures:
    """Each KPI's measure (5W1H) as labelled rows under the KPI's name."""


Item = Field | Heading | Table | Measures

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
"""A KGI's fields and their Japanese names (the import preview names changes with them)."""
COMPANY_COLUMNS = (
    ("corporate_number", "法人番号"),
    ("name", "名称"),
    ("role", "サプライチェーン・バリューチェーン内での役割"),
    ("scale", "事業規模"),
)

TABLES = {
    "core_companies": Table(
        "core_companies",
        "核となる企業・事業者",
        (
            Column("corporate_number", "法人番号", 1, 1),
            Column("name", "名称", 2, 4),
            Column("role", "サプライチェーン・バリューチェーン内での役割", 5, 7),
            Column("scale", "事業規模", 8, 9),
        ),
    ),
    "kgis": Table(
        "kgis",
        "KGI(目指すべき目標)",
        (
            Column("kind", "種類", 1, 1),
            Column("name", "KGI名", 2, 3),
            Column("unit", "単位", 4, 4),
            Column("baseline", "基準値", 5, 5),
            Column("baseline_year", "基準年度", 6, 6),
            Column("target", "目標値", 7, 7),
            Column("target_year", "目標年度", 8, 8),
            Column("basis", "設定の根拠", 9, 9),
        ),
    ),
    "kpis": Table(
        "kpis",
        "KPI及びKPI未達時の撤退基準",
        (
            Column("name", "KPI名", 1, 1),
            Column("unit", "単位", 2, 2),
            Column("baseline", "基準値", 3, 3),
            Column("kgi_key", "対応するKGI", 4, 5),
            Column("withdrawal_threshold", "撤退基準(閾値)", 6, 6),
            Column("withdrawal_comparator", "撤退基準(比較: 未満・以下・超・以上)", 7, 7),
            Column("withdrawal_text", "撤退基準(内容)", 8, 9),
        ),
    ),
    "kpi_targets": Table(
        "kpi_targets",
        "KPIの半期ごとの目標値",
        (
            Column("kpi_key", "KPI名", 1, 1),
            Column("period", "半期", 2, 4),
            Column("value", "目標値", 5, 6),
        ),
    ),
}
KIND_LABELS = {str(kind): label for kind, label in KGI_KIND_LABELS.items()}
"""A KGI's kind as the forms name it; read back to the kind."""
FISCAL_YEAR_COLUMNS = {"baseline_year", "target_year"}
KEYED = {"kgis", "kpis"}
"""The tables whose rows carry a key (kept on the data sheet, not shown)."""


def _heading(plan_type: PlanType, name: str) -> Heading:
    """The section's heading (「1. 地域産業クラスターの形成を目指す産業領域」)."""
    return Heading(HEADINGS[plan_type][name])


def _section_fields(plan_type: PlanType, heading: str) -> list[Item]:
    model = SECTION_MODELS[plan_type].model_fields[heading].annotation
    assert isinstance(model, type)
    number = _heading(plan_type, heading).text.split(".")[0]
    return [
        _heading(plan_type, heading),
        *(
            Field(f"sections.{heading}.{name}", number + str(field.description or name))
            for name, field in model.model_fields.items()
        ),
    ]


def _commitment_fields(plan_type: PlanType) -> list[Item]:
    """The commitment's items labelled as the editor and the PDF label them (the fields'
    descriptions). The import reads the values by their keys on the data sheet, never by these
    labels, so a workbook written with the earlier labels (「人員確保・体制」) still reads."""
    title = "伴走支援体制" if plan_type == PlanType.B else "相談窓口"
    return [
        Heading(f"自治体のコミットメント({title})"),
        *(
            Field(f"commitment.{name}", str(field.description or name))
            for name, field in COMMITMENT_MODELS[plan_type].model_fields.items()
        ),
    ]


def sheets_for(plan_type: PlanType) -> list[tuple[str, str, list[Item]]]:
    """(sheet name, title, items) of each 様式 of the type."""
    b = plan_type == PlanType.B
    number = FORM_NUMBERS[plan_type]
    first = "industry" if b else "field"
    basics: list[Item] = [
        Heading("計画の概要"),
        Field("title", "計画の名称"),
        Field("period_start_fy", "計画期間(開始年度)", fiscal_year=True),
        Field("period_end_fy", "計画期間(終了年度)", fiscal_year=True),
        Field("goal_fiscal_year", "目標年度", fiscal_year=True),
        Field("strategic_fields", "戦略分野(17分野)"),
    ]
    industry = _section_fields(plan_type, first)
    if b:
        industry.insert(1, Field("jsic_codes", "1(1) 該当する業種(日本標準産業分類)"))
    return [
        (
            f"様式{number}-1",
            "計画の概要・" + ("産業領域・区域" if b else "支援する分野・地域"),
            [*basics, *industry, *_section_fields(plan_type, "area")],
        ),
        (
            f"様式{number}-2",
            "計画推進の核となる企業" if b else "本プラン推進の核となる事業者",
            [TABLES["core_companies"]],
        ),
        (
            f"様式{number}-3",
            "現状認識と目指す姿【目標】・勝ち筋【道筋】",
            [
                *_section_fields(plan_type, "present_and_goals"),
                TABLES["kgis"],
                *_section_fields(plan_type, "path"),
            ],
        ),
        (
            f"様式{number}-4",
            "政策手段・KPI・現地化・自治体のコミットメント・要件",
            [
                *_section_fields(plan_type, "policy"),
                TABLES["kpis"],
                TABLES["kpi_targets"],
                Measures(),
                *_section_fields(plan_type, "localisation"),
                *_commitment_fields(plan_type),
                Heading("要件の充足状況"),
                *(
                    Field(f"requirements.{r.number}", f"要件{r.number}【{r.label}】の充足状況")
                    for r in REQUIREMENTS[plan_type]
                ),
            ],
        ),
    ]


def version_label(version: int) -> str:
    """The version as the screen shows it (版の履歴: 「第3版」)."""
    return f"第{version}版"


def jsic_label(code: str) -> str:
    entry = jsic.find(code)
    return entry.label if entry else code


def _flat(plan: PlanOut) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": plan.title,
        "period_start_fy": plan.period_start_fy,
        "period_end_fy": plan.period_end_fy,
        "goal_fiscal_year": plan.goal_fiscal_year,
        "strategic_fields": LIST_SEPARATOR.join(
            STRATEGIC_FIELDS.get(f, f) for f in plan.strategic_fields
        ),
        # one industry a line: their names hold 、 themselves (「A 農業、林業」)
        "jsic_codes": "\n".join(jsic_label(c) for c in plan.jsic_codes),
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
    for kpi in plan.kpis:
        for name in FIVE_W1H_LABELS:
            values[f"kpis.{kpi.key}.five_w1h.{name}"] = kpi.five_w1h.get(name)
    return values


@dataclass
class _Row:
    """One table row as shown, with the keys kept on the data sheet."""

    shown: dict[str, Any]
    key: str | None = None
    link: str | None = None


def _rows(plan: PlanOut, table: str) -> list[_Row]:
    kgi_names = {k.key: k.name for k in plan.kgis}
    kpi_names = {k.key: k.name for k in plan.kpis}
    if table == "core_companies":
        return [_Row(c.model_dump()) for c in plan.core_companies]
    if table == "kgis":
        return [
            _Row(
                {
                    **k.model_dump(),
                    "kind": _kind_label(k.kind),
                    "baseline_year": k.baseline_year and clock.fiscal_year_label(k.baseline_year),
                    "target_year": k.target_year and clock.fiscal_year_label(k.target_year),
                },
                key=k.key,
            )
            for k in plan.kgis
        ]
    if table == "kpi_targets":
        return [
            _Row(
                {
                    "kpi_key": kpi_names.get(k.key, k.key),
                    "period": half_year_label(str(t["period"])),
                    "value": t["value"],
                },
                link=k.key,
            )
            for k in plan.kpis
            for t in k.targets
        ]
    rows = []
    for kpi in plan.kpis:
        withdrawal = kpi.withdrawal
        shown: dict[str, Any] = {
            "name": kpi.name,
            "unit": kpi.unit,
            "baseline": kpi.baseline,
            "kgi_key": kgi_names.get(kpi.kgi_key, kpi.kgi_key) if kpi.kgi_key else None,
            "withdrawal_comparator": (
                COMPARATOR_LABELS.get(withdrawal.comparator, withdrawal.comparator)
                if withdrawal
                else None
            ),
            "withdrawal_threshold": withdrawal.threshold if withdrawal else None,
            "withdrawal_text": withdrawal.text if withdrawal else None,
        }
        rows.append(_Row(shown, key=kpi.key, link=kpi.kgi_key))
    return rows


def _kind_label(kind: str) -> str:
    return KIND_LABELS.get(kind, kind)


@dataclass
class _Form:
    """One sheet being written row by row, with what the data sheet records about it."""

    sheet: Worksheet
    data: list[list[Any]]
    pages: Pages = field(default_factory=Pages)
    heading_row: int | None = None
    tables: list[tuple[int, int]] = field(default_factory=list)
    """(title row, heading row) of each table written."""

    @property
    def name(self) -> str:
        return str(self.sheet.title)

    def append(
        self, values: list[Any], spans: list[tuple[int, int]], height: float | None = None
    ) -> int:
        """A row of ``values`` placed at the first column of each span (spans merged)."""
        row: list[Any] = [None] * LAST_COLUMN
        for value, (first, _) in zip(values, spans, strict=True):
            row[first - 1] = value
        spreadsheets.append_row(self.sheet, row)
        number = int(self.sheet.max_row)
        merged(self.sheet, number, spans)
        for value, (first, last) in zip(values, spans, strict=True):
            beside = first > 1 and isinstance(value, str)
            self.sheet.cell(row=number, column=first).alignment = BESIDE if beside else WRAP
            if height is None and value is not None:
                shown = f"{value:,}" if isinstance(value, int | float) else str(value)
                needed = row_points(lines(shown, span_width(first, last)))
                self.pages.heights[number] = max(self.pages.heights.get(number, 0), needed)
        if height is not None:
            self.pages.heights[number] = height
        return number

    def style(self, row: int, spans: list[tuple[int, int]], **styles: Any) -> None:
        for first, last in spans:
            for column in range(first, last + 1):
                cell = self.sheet.cell(row=row, column=column)
                for name, value in styles.items():
                    setattr(cell, name, value)

    def block(self, first: int, last: int) -> None:
        """Rows to print on one page; a heading just written goes with them."""
        if self.heading_row is not None:
            first, self.heading_row = self.heading_row, None
        self.pages.blocks.append((first, last))

    def header(self, title: str, plan: PlanOut, *, with_title: bool) -> None:
        today = clock.today_jst()
        self.append([title], [(1, LAST_COLUMN)], height=24)
        self.sheet.cell(row=1, column=1).font = TITLE_FONT
        rows = [
            *([("計画の名称", plan.title)] if with_title else []),
            ("類型", plan.plan_type.full_label),
            ("計画ID・版", f"計画ID {plan.id}・{version_label(plan.version)}"),
        ]
        for label, value in rows:
            number = self.append([label, value], [(1, 1), VALUE_SPAN])
            self.style(number, [(1, 1)], font=HEADING)
        number = self.append(["出力日", today, clock.wareki(today)], [(1, 1), (2, 3), (4, 6)])
        self.style(number, [(1, 1)], font=HEADING)
        self.sheet.cell(row=number, column=2).number_format = "yyyy-mm-dd"
        self.pages.blocks.append((2, number))
        self.sheet.append([])

    def heading(self, text: str) -> None:
        number = self.append([text], [(1, LAST_COLUMN)])
        self.style(number, [(1, LAST_COLUMN)], font=HEADING, fill=SECTION_FILL)
        self.data.append(["heading", self.name, number])
        self.heading_row = number

    def field(self, item: Field, value: Any) -> None:
        if item.fiscal_year:
            shown = [item.label, value, clock.wareki_fiscal_year(value) if value else None]
            number = self.append(shown, [(1, 1), (2, 2), (3, 4)])
            numbers = [number]
        else:
            text = None if value is None or value == "" else str(value)
            pieces = split_long(text, span_width(*VALUE_SPAN)) if text else [None]
            numbers = [self.append([item.label, pieces[0]], [(1, 1), VALUE_SPAN])]
            for piece in pieces[1:]:
                numbers.append(self.append([CONTINUED, piece], [(1, 1), VALUE_SPAN]))
                self.style(numbers[-1], [(1, 1)], font=NOTE)
        self.style(numbers[0], [(1, 1)], font=HEADING)
        for number in numbers:
            self.style(number, [(1, LAST_COLUMN)], border=BOX)
        self.data.append(["field", item.key, self.name, VALUE_SPAN[0], *numbers])
        self.block(numbers[0], numbers[-1])

    def table(self, table: Table, rows: list[_Row]) -> None:
        spans = [(c.first, c.last) for c in table.columns]
        title = self.append([table.label], [(1, LAST_COLUMN)])
        self.style(title, [(1, 1)], font=HEADING)
        header = self.append([c.label for c in table.columns], spans)
        self.style(header, spans, font=HEADING, fill=HEADER_FILL, border=BOX)
        first = header + 1
        for index, row in enumerate(rows):
            number = self.append([row.shown.get(c.key) for c in table.columns], spans)
            self.style(number, spans, border=BOX)
            self.data.append(["row", table.name, index, row.key, row.link])
        last = header + len(rows)
        columns = ",".join(f"{c.key}@{c.first}" for c in table.columns)
        self.data.append(["table", table.name, self.name, header, first, last, columns])
        self.tables.append((title, header))
        self.block(title, max(first, last) if rows else header)
        self.sheet.append([])

    def measures(self, plan: PlanOut, values: dict[str, Any]) -> None:
        for kpi in plan.kpis:
            self.heading(f"KPI「{kpi.name}」の施策(5W1H)")
            for name, label in FIVE_W1H_LABELS.items():
                key = f"kpis.{kpi.key}.five_w1h.{name}"
                self.field(Field(key, label), values.get(key))


def build_workbook(plan: PlanOut) -> bytes:
    """The 様式 workbook of ``plan`` as .xlsx bytes. Every value goes through
    :func:`chiiki_common.spreadsheets.append_row`: a text is never a formula."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    values = _flat(plan)
    data: list[list[Any]] = [
        ["様式の取込用データ(編集しないでください)", DATA_FORMAT],
        ["plan", plan.id, plan.version, plan.revision, plan.plan_type.value],
    ]
    for name, title, items in sheets_for(plan.plan_type):
        form = _Form(workbook.create_sheet(name), data)
        has_title = any(isinstance(i, Field) and i.key == "title" for i in items)
        form.header(f"{name} {title}", plan, with_title=not has_title)
        for item in items:
            if isinstance(item, Heading):
                form.heading(item.text)
            elif isinstance(item, Field):
                form.field(item, values.get(item.key))
            elif isinstance(item, Table):
                form.table(item, _rows(plan, item.name))
            else:
                form.measures(plan, values)
        if len(items) == 1 and form.tables:
            # a sheet that is one table repeats its headings on every page; others their title
            form.pages.title_rows = form.tables[0]
        set_up_page(
            form.sheet,
            form.pages,
            header=plan.title,
            footer=f"{name}・{version_label(plan.version)}",
        )
    hidden = workbook.create_sheet(DATA_SHEET)
    for row in data:
        spreadsheets.append_row(hidden, row)
    hidden.sheet_state = "veryHidden"
    changed = plan.updated_at.astimezone(UTC).replace(tzinfo=None)
    workbook.properties.created = workbook.properties.modified = changed
    buffer = io.BytesIO()
    ExcelWriter(workbook, _Archive(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return buffer.getvalue()


class _Archive(zipfile.ZipFile):
    """A zip whose members all carry one date: with the document dated by the plan's last change,
    the same plan gives the same bytes."""

    def writestr(
        self,
        zinfo_or_arcname: str | zipfile.ZipInfo,
        data: Any,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        if isinstance(zinfo_or_arcname, str):
            zinfo_or_arcname = zipfile.ZipInfo(zinfo_or_arcname, date_time=(1980, 1, 1, 0, 0, 0))
            zinfo_or_arcname.compress_type = zipfile.ZIP_DEFLATED
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(
        self,
        filename: Any,
        arcname: Any = None,
        compress_type: int | None = None,
        compresslevel: int | None = None,
    ) -> None:
        # openpyxl writes each worksheet from a temporary file, which would date it
        with open(filename, "rb") as stream:
            self.writestr(str(arcname or filename), stream.read(), compress_type, compresslevel)


# --- reading back ---------------------------------------------------------------------------------


@dataclass
class ImportedPlan:
    plan_type: PlanType
    version: int | None
    plan_id: int | None
    """The plan the workbook was written from, None when the workbook does not say."""
    fields: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]


class WorkbookError(ValueError):
    """The file is not a 様式 workbook this system wrote."""


SHEET_NAMES = {t: tuple(name for name, _, _ in sheets_for(t)) for t in (PlanType.B, PlanType.C)}


async def read_workbook(data: bytes) -> ImportedPlan:
    """A 様式 workbook read back with :mod:`chiiki_common.spreadsheets` (off the event loop, within
    its limits; a formula cell refuses the file, naming the cell). Only the 様式 sheets and the
    data sheet are read; the values are taken from the forms, where people edit them."""
    if not spreadsheets.is_xlsx(data):
        raise WorkbookError("Excel(.xlsx)ファイルとして読み込めません")
    wanted = [name for names in SHEET_NAMES.values() for name in names]
    book = await spreadsheets.read_xlsx(data, sheets=[*wanted, DATA_SHEET])
    names = set(book.names)
    plan_type = next((t for t, sheets in SHEET_NAMES.items() if set(sheets) <= names), None)
    if plan_type is None:
        raise WorkbookError("様式1-1〜1-4 又は 様式2-1〜2-4 のシートが見つかりません")
    sheets = {
        name: dict(sheet.rows)
        for name in SHEET_NAMES[plan_type]
        if (sheet := book.sheet(name)) is not None
    }
    hidden = book.sheet(DATA_SHEET)
    if hidden is None:
        return _read_marked(plan_type, sheets)
    return _read_forms(plan_type, sheets, [row for _, row in hidden.rows])


Rows = dict[int, tuple[spreadsheets.CellValue, ...]]


def _cell(rows: Rows, row: int, column: int) -> Any:
    values = rows.get(row, ())
    return values[column - 1] if column - 1 < len(values) else None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _read_forms(
    plan_type: PlanType, sheets: dict[str, Rows], data: list[tuple[Any, ...]]
) -> ImportedPlan:
    fields: dict[str, Any] = {}
    tables: dict[str, list[dict[str, Any]]] = {}
    keys: dict[tuple[str, int], tuple[Any, Any]] = {}
    layouts: list[tuple[Any, ...]] = []
    claimed: dict[str, set[int]] = {name: set() for name in sheets}
    version = plan_id = None
    for entry in data:
        kind = entry[0] if entry else None
        if kind == "plan" and len(entry) > 2:
            plan_id, version = _int(entry[1]), _int(entry[2])
        elif kind == "row" and len(entry) > 2 and _int(entry[2]) is not None:
            padded = (*entry, None, None)
            keys[(str(entry[1]), int(entry[2]))] = (padded[3], padded[4])
        elif kind == "heading" and len(entry) > 2:
            claimed.setdefault(str(entry[1]), set()).add(_int(entry[2]) or 0)
        elif kind == "field" and len(entry) > 4:
            claimed.setdefault(str(entry[2]), set()).update(r for r in entry[4:] if _int(r))
        elif kind == "table" and len(entry) > 6:
            layouts.append(entry)
            header, last = _int(entry[3]) or 0, _int(entry[5]) or 0
            claimed.setdefault(str(entry[2]), set()).update(range(header - 1, last + 1))
    for entry in data:
        if entry and entry[0] == "field" and len(entry) > 4 and str(entry[2]) in sheets:
            rows, column = sheets[str(entry[2])], _int(entry[3]) or 2
            pieces = [_cell(rows, r, column) for r in entry[4:] if _int(r)]
            fields[str(entry[1])] = _joined(pieces)
    for _, name, sheet, _header, first, last, columns in (e[:7] for e in layouts):
        rows = sheets.get(str(sheet), {})
        spec = [
            (c.split("@")[0], int(c.split("@")[1])) for c in str(columns).split(",") if "@" in c
        ]
        out = tables.setdefault(str(name), [])
        number = _int(first) or 0
        while number <= (_int(last) or 0) or (
            number in rows and number not in claimed.get(str(sheet), set())
        ):
            values = {key: _cell(rows, number, column) for key, column in spec}
            if any(v not in (None, "") for v in values.values()):
                key, link = keys.get((str(name), number - (_int(first) or 0)), (None, None))
                out.append({**values, "$link": link} | ({"key": key} if name in KEYED else {}))
            number += 1
    _resolve(fields, tables)
    return ImportedPlan(
        plan_type=plan_type, version=version, plan_id=plan_id, fields=fields, tables=tables
    )


def _joined(pieces: list[Any]) -> Any:
    if len(pieces) == 1:
        return pieces[0]
    texts = [str(p) for p in pieces if p not in (None, "")]
    return "".join(texts) if texts else None


KIND_CODES = {label: code for code, label in KIND_LABELS.items()}


def _year(value: Any) -> Any:
    """A fiscal year as the forms write it (「2026年度(令和8年度)」) or as a number."""
    if isinstance(value, str) and (match := re.match(r"\s*(\d{4})", value)):
        return int(match.group(1))
    return value


def _industries(value: Any) -> str | None:
    """The industries' codes, one a line as written (「E28 電子部品…」), as the list reader
    takes them."""
    if not isinstance(value, str):
        return None if value is None else str(value)
    codes = []
    for line in value.splitlines():
        line = line.strip()
        if line:
            match = re.match(r"([A-Z]\d*)(?:\s|$)", line)
            codes.append(match.group(1) if match else line)
    return LIST_SEPARATOR.join(codes)


def _link(shown: Any, rows: list[dict[str, Any]], kept: Any) -> Any:
    """The key of the row a link names: the row the workbook was written with while its name
    still reads the same, else the first row of that name, else what the cell says."""
    if shown in (None, ""):
        return None
    names = {str(r.get("key")): r.get("name") for r in rows if r.get("key")}
    if kept is not None and names.get(str(kept)) == shown:
        return kept
    by_name = next((r.get("key") for r in rows if r.get("name") == shown), None)
    return by_name if by_name is not None else shown


def _resolve(fields: dict[str, Any], tables: dict[str, list[dict[str, Any]]]) -> None:
    """Values as the forms show them turned back into what the plan stores."""
    fields["jsic_codes"] = _industries(fields.get("jsic_codes"))
    for row in tables.get("kgis", []):
        row["kind"] = KIND_CODES.get(str(row.get("kind")).strip(), row.get("kind"))
        for column in FISCAL_YEAR_COLUMNS:
            row[column] = _year(row.get(column))
    kpis = tables.get("kpis", [])
    for row in kpis:
        row["kgi_key"] = _link(row.get("kgi_key"), tables.get("kgis", []), row.pop("$link"))
        prefix = f"kpis.{row.get('key')}.five_w1h."
        for name in FIVE_W1H_LABELS:
            row[f"five_w1h.{name}"] = fields.pop(prefix + name, None)
    for row in tables.get("kpi_targets", []):
        row["kpi_key"] = _link(row.get("kpi_key"), kpis, row.pop("$link"))
        row["period"] = half_year_written(row.get("period"))
    for rows in tables.values():
        for row in rows:
            row.pop("$link", None)


def _read_marked(plan_type: PlanType, sheets: dict[str, Rows]) -> ImportedPlan:
    """A workbook written before the data sheet: keys in the hidden column A of each form."""
    fields: dict[str, Any] = {}
    tables: dict[str, list[dict[str, Any]]] = {}
    version: int | None = None
    plan_id: int | None = None
    for rows in sheets.values():
        columns: list[str] = []
        current: list[dict[str, Any]] | None = None
        previous = 0
        for number, row in sorted(rows.items()):
            marker = row[0] if row else None
            if number != previous + 1 or not isinstance(marker, str):
                current = None  # an empty row ends a table, as it did when the file was written
            previous = number
            if not isinstance(marker, str):
                continue
            if marker == "meta" and len(row) > 4 and row[1] == "計画ID":
                version = _int(row[4])
                plan_id = _int(row[2]) or plan_id
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

COMPARATOR_CODES = {label: code for code, label in COMPARATOR_LABELS.items()}
"""A KPI's withdrawal comparison as the workbook writes it, read back to the code (a workbook
written with the codes still reads)."""
