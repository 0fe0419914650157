"""The 様式 workbook reads and prints as a document (issue 14): Japanese labels beside their values,
Japanese tables, 和暦 beside 西暦, the version as the screen shows it, A4 portrait pages with the
title and version on each; the machine keys live on a hidden sheet and the import still gives back
the same plan. The printed pages are checked with LibreOffice (PDF) and pdftotext."""

from __future__ import annotations

import asyncio
import io
from typing import Any

import openpyxl
import pytest
from openpyxl.styles import Alignment
from openpyxl.worksheet.pagebreak import Break

from plans_api.exports.workbook import DATA_SHEET, TABLES
from tests.common.untranslated import untranslated
from tests.plans_api.conftest import PlansContext
from tests.plans_api.exports import forms
from tests.plans_api.exports.test_exports import content, export
from tests.plans_api.factories import (
    KIKUYO,
    KUMAMOTO,
    SECTIONS_B,
    company_number,
    complete,
    create,
    kgis_for,
    kpis_for,
    write,
)

KGI_NAMES = {
    "capex_target_year": "官民設備投資額（目標年度）",
    "capex_cumulative": "官民設備投資額（累積）",
    "value_added": "付加価値増加額",
    "human_resources": "産業人材育成数",
}
SENTENCE = (
    "熊本県内の半導体製造装置・部素材の企業が連携し、域内調達率を高めることで、"
    "投資の効果を地域の中小企業と雇用に広く波及させる。"
)


def long_text(sentences: int) -> str:
    return "\n".join(f"{n}. {SENTENCE}" for n in range(1, sentences + 1))


async def readable_plan(
    ctx: PlansContext, *, sentences: int = 2, companies: int = 1
) -> dict[str, Any]:
    """A complete B plan as its authors would write it: KGIs with their own names, KPIs with each
    of the four comparisons, and section texts of ``sentences`` sentences each (one item twice as
    long, so that it continues on a second row)."""
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await create(ctx.client, headers, "B", title="熊本県半導体産業クラスター計画")
    plan = await complete(ctx.client, headers, plan)
    if companies > 1:
        listed = [
            {
                "corporate_number": company_number(n),
                "name": f"サンプル精密工業{n}（サンプル）",
                "role": "前工程の製造装置に使う精密部品の加工と組立",
                "scale": "従業員 100〜299名",
            }
            for n in range(1, companies + 1)
        ]
        plan = await write(ctx.client, headers, plan, "PUT", "/core-companies", listed)
    kgis = [{**k, "name": KGI_NAMES[k["kind"]], "unit": "百万円"} for k in kgis_for("B")]
    plan = await write(ctx.client, headers, plan, "PUT", "/kgis", kgis)
    template = kpis_for()[0]
    kpis = [
        {
            **template,
            "key": f"kpi-{n}",
            "name": name,
            "kgi_key": kgi,
            "withdrawal": {"comparator": comparator, "threshold": 5, "text": f"{name}の見直し"},
        }
        for n, (name, comparator, kgi) in enumerate(
            [
                ("支援件数", "lt", "value_added"),
                ("新規雇用者数", "le", "human_resources"),
                ("離職率", "gt", "human_resources"),
                ("設備投資件数", "ge", "capex_target_year"),
            ],
            start=1,
        )
    ]
    plan = await write(ctx.client, headers, plan, "PUT", "/kpis", kpis)
    sections = {
        heading: {name: long_text(sentences) for name in items}
        for heading, items in SECTIONS_B.items()
    }
    sections["path"]["basic_strategy"] = long_text(sentences * 2)
    plan = await write(
        ctx.client,
        headers,
        plan,
        "PATCH",
        "",
        {"sections": sections, "jsic_codes": ["E28", "A"]},
    )
    response = await ctx.client.get(f"/api/plans/{plan['id']}", headers=headers)
    return response.json()  # type: ignore[no-any-return]


def field_pairs(workbook: openpyxl.Workbook, *, empty: bool = False) -> list[tuple[str, str]]:
    """Every (label, full value) of the forms' fields, as a person reads them."""
    pairs = []
    for entry in forms.data_rows(workbook):
        if entry[0] != "field":
            continue
        sheet = workbook[entry[2]]
        rows = [r for r in entry[4:] if r]
        label = sheet.cell(row=rows[0], column=1).value
        value = "".join(
            str(v) for r in rows if (v := sheet.cell(row=r, column=entry[3]).value) is not None
        )
        if value or empty:
            pairs.append((str(label), value))
    return pairs


def heading_pairs(workbook: openpyxl.Workbook) -> list[tuple[str, str]]:
    """Every heading of the forms with the label of the first item under it (a field's label,
    a table's title), in the order the sheets hold them."""
    entries = forms.data_rows(workbook)
    pairs = []
    for index, entry in enumerate(entries):
        if entry[0] != "heading":
            continue
        sheet = workbook[entry[1]]
        following = next(
            e for e in entries[index + 1 :] if e[0] in ("field", "table") and e[2] == entry[1]
        )
        row = following[4] if following[0] == "field" else following[3] - 1
        label = sheet.cell(row=row, column=1).value
        pairs.append((str(sheet.cell(row=entry[2], column=1).value), str(label)))
    return pairs


async def test_the_forms_read_as_a_document_and_print_on_a4(ctx: PlansContext) -> None:
    plan = await readable_plan(ctx)
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    workbook = openpyxl.load_workbook(io.BytesIO(await export(ctx, plan, headers)))

    assert forms.machine_keys(workbook) == []
    labels = [
        *(label for label, _ in field_pairs(workbook, empty=True)),
        *(heading for table in TABLES for heading in forms.table_header(workbook, table)),
        *forms.headings(workbook),
    ]
    assert "計画期間(開始年度)" in labels
    assert [label for label in labels if untranslated(label)] == []
    comparisons = [c.value for c in forms.table_cells(workbook, "kpis", "withdrawal_comparator")]
    assert comparisons == ["未満", "以下", "超", "以上"]
    assert [c.value for c in forms.table_cells(workbook, "kgis", "name")] == list(
        KGI_NAMES.values()
    )
    assert [c.value for c in forms.table_cells(workbook, "kgis", "kind")][:2] == [
        "計画での官民設備投資額(目標年度)",
        "計画での官民設備投資額(計画策定時点から目標年度までの累積)",
    ]
    assert [c.value for c in forms.table_cells(workbook, "kpis", "kgi_key")] == [
        "付加価値増加額",
        "産業人材育成数",
        "産業人材育成数",
        "官民設備投資額（目標年度）",
    ]
    assert forms.table_header(workbook, "kgis")[:3] == ["種類", "KGI名", "単位"]

    # 和暦 beside 西暦: in the fields, the KGI table and the half years of the KPIs
    start = forms.field_cell(workbook, "period_start_fy")
    assert (start.value, start.offset(column=1).value) == (2026, "令和8年度")
    assert forms.table_cells(workbook, "kgis", "target_year")[0].value == "2035年度(令和17年度)"
    periods = [c.value for c in forms.table_cells(workbook, "kpi_targets", "period")]
    assert periods[:2] == ["2026年度下期(令和8年度下期)", "2027年度上期(令和9年度上期)"]
    industries = forms.field_cell(workbook, "jsic_codes").value
    assert industries == "E28 電子部品・デバイス・電子回路製造業\nA 農業、林業"

    # the version as the plan's screen shows it (版の履歴: 第N版), on every sheet and page
    version = f"第{plan['version']}版"
    for name in forms.visible_sheets(workbook):
        sheet = workbook[name]
        rows = {row[0].value: row for row in sheet.iter_rows() if row[0].value}
        assert rows["計画ID・版"][1].value == f"計画ID {plan['id']}・{version}"
        setup = sheet.page_setup
        assert (int(setup.paperSize), setup.orientation) == (9, "portrait")
        assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.print_title_rows
        assert plan["title"] in sheet.oddHeader.center.text
        footer = " ".join(
            str(part.text)
            for part in (sheet.oddFooter.left, sheet.oddFooter.center, sheet.oddFooter.right)
        )
        assert "&P" in footer
        assert version in footer
    assert workbook[DATA_SHEET].sheet_state == "veryHidden"

    # every line of a long text has room: the long item is taller than a short one
    long_cell = forms.field_cell(workbook, "sections.path.basic_strategy")
    title_cell = forms.field_cell(workbook, "title")
    sheet = long_cell.parent
    assert sheet.row_dimensions[long_cell.row].height > 4 * (
        workbook[title_cell.parent.title].row_dimensions[title_cell.row].height
    )
    assert long_cell.alignment.wrap_text


async def test_the_document_reads_back_into_the_same_plan(ctx: PlansContext) -> None:
    """Long texts continued on a second row, industries a line each, KGIs by kind and KPIs by
    the name of their KGI: all of it reads back as it was."""
    plan = await readable_plan(ctx, sentences=16)
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    data = await export(ctx, plan, headers)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    continued = [e for e in forms.data_rows(workbook) if e[0] == "field" and len(e) > 5]
    assert continued, "a long text continues on the rows below"
    target = await create(ctx.client, headers, "B", title="取込先")
    response = await ctx.client.post(
        f"/api/plans/{target['id']}/import",
        files={"file": ("plan.xlsx", data, "application/octet-stream")},
        headers={**headers, "If-Match": f'"{target["version"]}"'},
    )
    assert response.status_code == 200, response.text
    assert content(response.json()) == content(plan)


async def test_a_person_edits_the_form_and_the_import_takes_it(ctx: PlansContext) -> None:
    plan = await readable_plan(ctx)
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    workbook = openpyxl.load_workbook(io.BytesIO(await export(ctx, plan, headers)))
    forms.field_cell(workbook, "sections.area.core_area").value = "菊陽町と合志市"
    forms.table_cells(workbook, "kpis", "withdrawal_comparator")[0].value = "以上"
    forms.table_cells(workbook, "kpis", "kgi_key")[0].value = "産業人材育成数"
    forms.table_cells(workbook, "kpi_targets", "period")[0].value = "2028年度上期"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = await ctx.client.post(
        f"/api/plans/{plan['id']}/import",
        files={"file": ("plan.xlsx", buffer.getvalue(), "application/octet-stream")},
        headers={**headers, "If-Match": f'"{plan["version"]}"'},
    )
    assert response.status_code == 200, response.text
    after = response.json()
    assert after["sections"]["area"]["core_area"] == "菊陽町と合志市"
    first = after["kpis"][0]
    assert (first["withdrawal"]["comparator"], first["kgi_key"]) == ("ge", "human_resources")
    assert first["targets"][0]["period"] == "2028H1"


async def test_a_link_to_a_kgi_that_is_not_in_the_workbook_is_refused(ctx: PlansContext) -> None:
    plan = await readable_plan(ctx)
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    workbook = openpyxl.load_workbook(io.BytesIO(await export(ctx, plan, headers)))
    forms.table_cells(workbook, "kpis", "kgi_key")[0].value = "存在しないKGI"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = await ctx.client.post(
        f"/api/plans/{plan['id']}/import",
        files={"file": ("plan.xlsx", buffer.getvalue(), "application/octet-stream")},
        headers={**headers, "If-Match": f'"{plan["version"]}"'},
    )
    assert response.status_code == 422
    assert "kpis/0/kgi_key" in [e["field"] for e in response.json()["errors"]]


async def test_a_workbook_of_the_earlier_layout_still_reads(ctx: PlansContext) -> None:
    """Workbooks exported before the forms (keys in a hidden column A) are still on people's
    disks; they import as before."""
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await create(ctx.client, headers, "B")
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for n in range(1, 5):
        sheet = workbook.create_sheet(f"様式1-{n}")
        sheet.append(["meta", "計画ID", plan["id"], "版", plan["version"]])
    first = workbook["様式1-1"]
    first.append(["field:title", "計画の名称", "以前の様式で書いた計画"])
    first.append(["field:sections.industry.reason", "(2) 特定の理由", "以前の理由"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = await ctx.client.post(
        f"/api/plans/{plan['id']}/import",
        files={"file": ("plan.xlsx", buffer.getvalue(), "application/octet-stream")},
        headers={**headers, "If-Match": f'"{plan["version"]}"'},
    )
    assert response.status_code == 200, response.text
    assert response.json()["title"] == "以前の様式で書いた計画"
    assert response.json()["sections"]["industry"]["reason"] == "以前の理由"


async def test_the_same_plan_exports_the_same_bytes(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    first = await export(ctx, plan, headers)
    await asyncio.sleep(1.1)  # the zip members would otherwise carry the second they were written
    assert await export(ctx, plan, headers) == first


async def test_a_c_plan_reads_back_into_the_same_plan(ctx: PlansContext) -> None:
    headers = ctx.tokens.municipality(KIKUYO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "C"))
    kgis = [{**k, "name": "付加価値増加額"} for k in kgis_for("C")]
    plan = await write(ctx.client, headers, plan, "PUT", "/kgis", kgis)
    data = await export(ctx, plan, headers)
    assert forms.machine_keys(openpyxl.load_workbook(io.BytesIO(data))) == []
    target = await create(ctx.client, headers, "C", title="取込先")
    response = await ctx.client.post(
        f"/api/plans/{target['id']}/import",
        files={"file": ("plan.xlsx", data, "application/octet-stream")},
        headers={**headers, "If-Match": f'"{target["version"]}"'},
    )
    assert response.status_code == 200, response.text
    # C's forms have no industry item (B's 1(1)): the import leaves the target's as it was
    read, written = content(response.json()), content(plan)
    assert read.pop("jsic_codes") == target["jsic_codes"]
    written.pop("jsic_codes")
    assert read == written


def test_the_key_check_finds_a_visible_key_and_not_a_hidden_one() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["field:sections.industry.reason", "(2) 特定の理由", "工場の集積"])
    sheet.append(["capex_target_year", "官民設備投資額", "lt"])
    assert forms.machine_keys(workbook) == [
        "Sheet!A1: field:sections.industry.reason",
        "Sheet!A2: capex_target_year",
        "Sheet!C2: lt",
    ]
    sheet.column_dimensions["A"].hidden = True
    sheet["C2"] = "未満"
    assert forms.machine_keys(workbook) == []
    hidden = workbook.create_sheet("keys")
    hidden.append(["capex_target_year"])
    hidden.sheet_state = "hidden"
    assert forms.machine_keys(workbook) == []


# --- printed with LibreOffice ----------------------------------------------------------------------


@pytest.mark.parametrize("backend", ["sqlite"])  # slow: once is enough
async def test_every_label_prints_beside_its_whole_value_on_one_page(ctx: PlansContext) -> None:
    tools = forms.print_tools_or_skip()
    plan = await readable_plan(ctx, sentences=6, companies=45)
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    data = await export(ctx, plan, headers)
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    pages = forms.printed_pages(data, tools)

    sheets = [page.sheet for page in pages]
    assert sorted(set(sheets)) == ["様式1-1", "様式1-2", "様式1-3", "様式1-4"]
    assert len(pages) >= 6
    assert max(sheets.count(name) for name in set(sheets)) >= 2, "a form spans pages"
    assert forms.cut_texts(pages) == []
    pairs = field_pairs(workbook)
    assert len(pairs) > 30
    assert forms.separated(pages, pairs) == []
    headings = heading_pairs(workbook)
    assert len(headings) >= 10
    assert forms.parted_headings(pages, headings) == []
    kgi_pages = [page for page in pages if page.sheet == "様式1-3"]
    for name in KGI_NAMES.values():
        assert any(forms.shows(page, name) for page in kgi_pages), name
    for page in pages:  # the repeated rows head every page: the table's headings, or the title
        if page.sheet == "様式1-2":
            assert forms.shows(page, "法人番号")
            assert forms.shows(page, "事業規模")
        else:
            assert forms.squeezed(page.sheet) in page.text()
    assert sheets.count("様式1-2") >= 2, "45 companies take more than a page"


def test_the_print_check_catches_a_cut_text_and_a_label_parted_from_its_value() -> None:
    tools = forms.print_tools_or_skip()
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "様式1-1"
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 40
    wrap = Alignment(wrap_text=True, vertical="top")
    sheet["A1"], sheet["B1"] = "並んだ項目", "並んだ値"
    sheet["A2"], sheet["B2"] = "切れる項目", SENTENCE * 6 + "最後の言葉"
    sheet["B2"].alignment = wrap
    sheet.row_dimensions[2].height = 30  # far too low for the text
    sheet["A3"] = "離れる項目"
    sheet.row_breaks.append(Break(id=3))
    sheet["B4"] = "離れた値"
    sheet["A5"] = "離れる見出し"
    sheet.row_breaks.append(Break(id=5))
    sheet["A6"] = "最初の項目"
    pages = forms.printed_pages(forms.xlsx_bytes(workbook), tools)

    cut = forms.cut_texts(pages)
    assert len(cut) == 1
    assert SENTENCE[:20] in cut[0]  # named by what it shows
    assert forms.separated(pages, [("並んだ項目", "並んだ値"), ("離れる項目", "離れた値")]) == [
        "「離れる項目」と値「離れた値…」が同じページに揃っていません"
    ]
    headings = [("並んだ項目", "切れる項目"), ("離れる見出し", "最初の項目"), ("ない見出し", "値")]
    assert forms.parted_headings(pages, headings) == [
        "? 2ページ: 見出し「離れる見出し」と最初の項目「最初の項目」が同じページに揃っていません",
        "見出し「ない見出し」が印刷されていません",
    ]
