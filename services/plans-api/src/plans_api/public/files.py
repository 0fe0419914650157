"""One published version as files people open in a spreadsheet: CSV (UTF-8 with BOM) and xlsx.

Both are built from the published snapshot only (never the plan as it is now), item by item with
the labels the public page and the version history use (``区分``, ``項目``, ``値``). An item that is
never published (``withheld``, e.g. B's 投資の具体像) reads its note, as in the PDF. Every text goes
through :mod:`chiiki_common.spreadsheets`, so no cell is ever evaluated as a formula; the same
version always gives the same bytes.
"""

from __future__ import annotations

import copy
import io
import zipfile
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.writer.excel import ExcelWriter

from chiiki_common import clock, spreadsheets
from plans_api.downloads import Download, plan_file_names
from plans_api.models import PlanSnapshot, PlanType
from plans_api.public.service import XLSX, described_content
from plans_api.registry import service

CSV = "text/csv; charset=utf-8"
HEADINGS = ["区分", "項目", "値"]
SHEET_TITLE = "計画の内容"
PUBLICATION_AREA = "公表"
FIXED_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
"""Every member of the xlsx carries this date: the same version gives the same bytes."""


def rows(snapshot: PlanSnapshot) -> list[list[object]]:
    """The published version as (区分, 項目, 値) rows: what was published and when, then every
    item of the content in the forms' order."""
    plan = service.published_plan(snapshot)
    at = clock.to_jst(plan.published_at)
    published_at = f"{at.year}年{at.month}月{at.day}日 {at:%H:%M}"
    head: list[list[object]] = [
        [PUBLICATION_AREA, "計画ID", plan.plan_id],
        [PUBLICATION_AREA, "類型", PlanType(plan.plan_type).full_label],
        [PUBLICATION_AREA, "都道府県", plan.prefecture_name],
        [PUBLICATION_AREA, "公表の版", f"第{plan.version}版"],
        [PUBLICATION_AREA, "公表日時(日本時間)", published_at],
    ]
    content = copy.deepcopy(snapshot.content)
    for path, note in (content.get("withheld") or {}).items():
        _put(content, path.split("/"), note)
    items: list[list[object]] = [
        [i.area_label, i.item if i.field is None else f"{i.item} ＞ {i.field}", i.after or ""]
        for i in described_content(snapshot.plan_type, content)
    ]
    return head + items


def _put(content: dict[str, Any], parts: list[str], value: str) -> None:
    """Write a withheld item's note where the item would be (``sections/path/…``)."""
    target = content
    for part in parts[:-1]:
        child = target.get(part)
        if not isinstance(child, dict):
            return
        target = child
    target[parts[-1]] = value


def _names(snapshot: PlanSnapshot, extension: str) -> tuple[str, str]:
    return plan_file_names(snapshot.plan_id, snapshot.title, snapshot.version_number, extension)


def plan_csv(snapshot: PlanSnapshot) -> Download:
    """The version as CSV, one row per item; the BOM lets Excel read the Japanese."""
    text = "\ufeff" + spreadsheets.csv_text([HEADINGS, *rows(snapshot)])
    return Download(text.encode(), CSV, *_names(snapshot, "csv"))


def _fixed_dates(data: bytes) -> bytes:
    """The same archive with every member dated :data:`FIXED_ZIP_DATE` (openpyxl dates them now)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=FIXED_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(member))
    return out.getvalue()


def plan_xlsx(snapshot: PlanSnapshot) -> Download:
    """The version as a labelled workbook: one sheet, the title on top, then (区分, 項目, 値)
    rows with wrapped text; the document is dated by its publication."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has its one sheet
    sheet.title = SHEET_TITLE
    spreadsheets.append_row(sheet, [snapshot.title])
    sheet.cell(1, 1).font = Font(bold=True, size=14)
    spreadsheets.append_row(sheet, HEADINGS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows(snapshot):
        spreadsheets.append_row(sheet, row)
    wrap = Alignment(wrap_text=True, vertical="top")
    for line in sheet.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = wrap
    for column, width in zip("ABC", (16, 48, 80), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A3"
    sheet.print_title_rows = "2:2"
    sheet.page_setup.orientation = "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    published = clock.to_jst(snapshot.published_at).replace(tzinfo=None)
    workbook.properties.created = workbook.properties.modified = published
    workbook.properties.title = snapshot.title
    buffer = io.BytesIO()
    # ExcelWriter, not Workbook.save: save() stamps the document with the time of the call
    ExcelWriter(workbook, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED)).save()
    return Download(_fixed_dates(buffer.getvalue()), XLSX, *_names(snapshot, "xlsx"))
