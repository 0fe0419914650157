"""The 様式 workbook speaks Japanese: a KPI's withdrawal comparison is written 未満・以下・超・以上
(never lt/le/gt/ge) and read back to its code; a workbook written with the codes still reads."""

from __future__ import annotations

import io

import openpyxl

from tests.common.untranslated import untranslated
from tests.plans_api.conftest import PlansContext
from tests.plans_api.exports.forms import table_cells, table_header
from tests.plans_api.exports.test_exports import export
from tests.plans_api.factories import KUMAMOTO, complete, create


async def test_the_comparison_is_written_in_japanese_and_read_back(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    workbook = openpyxl.load_workbook(io.BytesIO(await export(ctx, plan, headers)))
    cells = table_cells(workbook, "kpis", "withdrawal_comparator")
    values = [cell.value for cell in cells]
    assert {v for v in values if v is not None} == {"未満"}
    sheet = cells[0].parent
    headings = [  # every heading and label a person reads: the table's and column A's
        *table_header(workbook, "kpis"),
        *(row[0].value for row in sheet.iter_rows() if isinstance(row[0].value, str)),
    ]
    assert "撤退基準(比較: 未満・以下・超・以上)" in headings
    assert [h for h in headings if untranslated(h)] == []

    # a workbook written before, with the code in the cell, still reads
    for cell in cells:
        if cell.value == "未満":
            cell.value = "lt"
    buffer = io.BytesIO()
    workbook.save(buffer)
    target = await create(ctx.client, headers, "B", title="取込先")
    for data in (await export(ctx, plan, headers), buffer.getvalue()):
        response = await ctx.client.post(
            f"/api/plans/{target['id']}/import",
            files={"file": ("plan.xlsx", data, "application/octet-stream")},
            headers={**headers, "If-Match": f'"{target["version"]}"'},
        )
        assert response.status_code == 200, response.text
        target = response.json()
        assert [k["withdrawal"] for k in target["kpis"]] == [k["withdrawal"] for k in plan["kpis"]]
        assert "lt" in [(k["withdrawal"] or {}).get("comparator") for k in target["kpis"]]
