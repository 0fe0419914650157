from __future__ import annotations

import io
from typing import Any

import openpyxl

from tests.plans_api.conftest import PlansContext
from tests.plans_api.exports.forms import table_cells, visible_sheets
from tests.plans_api.factories import KIKUYO, KUMAMOTO, complete, create, write

CONTENT_KEYS = (
    "plan_type",
    "title",
    "period_start_fy",
    "goal_fiscal_year",
    "strategic_fields",
    "jsic_codes",
    "sections",
    "commitment",
    "core_companies",
    "kgis",
    "kpis",
)


def content(plan: dict[str, Any]) -> dict[str, Any]:
    out = {k: plan[k] for k in CONTENT_KEYS}
    out["statements"] = [r["statement"] for r in plan["requirements"]]
    return out


async def export(ctx: PlansContext, plan: dict[str, Any], headers: dict[str, str]) -> bytes:
    response = await ctx.client.get(f"/api/plans/{plan['id']}/export.xlsx", headers=headers)
    assert response.status_code == 200
    assert f"-v{plan['version']}-" in response.headers["content-disposition"]
    return response.content


async def test_b_workbook_has_four_forms_with_version_wareki_and_numbers(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    workbook = openpyxl.load_workbook(io.BytesIO(await export(ctx, plan, headers)))
    assert visible_sheets(workbook) == ["様式1-1", "様式1-2", "様式1-3", "様式1-4"]
    for name in visible_sheets(workbook):
        rows = {row[0].value: row for row in workbook[name].iter_rows() if row[0].value}
        assert rows["計画ID・版"][1].value == f"計画ID {plan['id']}・第{plan['version']}版"
    first = workbook["様式1-1"]
    rows = {row[0].value: row for row in first.iter_rows() if row[0].value}
    start = rows["計画期間(開始年度)"]
    assert (start[1].value, start[2].value) == (2026, "令和8年度")
    assert rows["目標年度"][2].value == "令和17年度"
    kgi_sheet = workbook["様式1-3"]
    targets = [cell.value for cell in table_cells(workbook, "kgis", "target")]
    assert targets == [100, 101, 102, 103]
    assert all(isinstance(t, int | float) for t in targets)
    assert "KGI名" in [c.value for row in kgi_sheet.iter_rows() for c in row]


async def test_c_workbook_uses_forms_2(ctx: PlansContext) -> None:
    headers = ctx.tokens.municipality(KIKUYO, "editor")
    plan = await create(ctx.client, headers, "C")
    workbook = openpyxl.load_workbook(io.BytesIO(await export(ctx, plan, headers)))
    assert visible_sheets(workbook) == ["様式2-1", "様式2-2", "様式2-3", "様式2-4"]


async def test_round_trip_export_import_gives_the_same_plan(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    original = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    original = await write(
        ctx.client,
        headers,
        original,
        "PATCH",
        "",
        {"strategic_fields": ["ai_semiconductor", "materials"]},
    )
    data = await export(ctx, original, headers)
    target = await create(
        ctx.client, headers, "B", title="取込先", period_start_fy=None, goal_fiscal_year=None
    )
    response = await ctx.client.post(
        f"/api/plans/{target['id']}/import",
        files={"file": ("plan.xlsx", data, "application/octet-stream")},
        headers={**headers, "If-Match": '"1"'},
    )
    assert response.status_code == 200, response.text
    assert content(response.json()) == content(original)


async def test_import_of_a_wrong_file_lists_problems_and_changes_nothing(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    original = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    workbook = openpyxl.load_workbook(io.BytesIO(await export(ctx, original, headers)))
    for cell in table_cells(workbook, "core_companies", "corporate_number"):
        cell.value = "1234567890123"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = await ctx.client.post(
        f"/api/plans/{original['id']}/import",
        files={"file": ("plan.xlsx", buffer.getvalue(), "application/octet-stream")},
        headers={**headers, "If-Match": f'"{original["version"]}"'},
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "core_companies/0/corporate_number"
    after = (await ctx.client.get(f"/api/plans/{original['id']}", headers=headers)).json()
    assert after["version"] == original["version"]
    not_excel = await ctx.client.post(
        f"/api/plans/{original['id']}/import",
        files={"file": ("plan.xlsx", b"not a workbook", "application/octet-stream")},
        headers={**headers, "If-Match": f'"{original["version"]}"'},
    )
    assert not_excel.status_code == 422
