"""The import preview names what a workbook would add, not only what it changes or removes
(issue 11: sections, KGIs, KPIs and companies added, changed, removed)."""

from __future__ import annotations

from typing import Any

from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import KUMAMOTO, complete, create, kgis_for, write


async def test_the_preview_names_the_kgi_kpi_and_company_a_workbook_would_add(
    ctx: PlansContext,
) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    own = {
        "kind": "own",
        "name": "半導体関連の新規雇用者数",
        "unit": "人",
        "target": 300,
        "basis": "県の推計",
    }
    plan = await write(ctx.client, headers, plan, "PUT", "/kgis", [*kgis_for("B"), own])
    exported = await ctx.client.get(f"/api/plans/{plan['id']}/export.xlsx", headers=headers)
    assert exported.status_code == 200
    # The plan loses its own KGI, its KPIs and companies after the export; the workbook has them.
    plan = await write(ctx.client, headers, plan, "PUT", "/kgis", kgis_for("B"))
    plan = await write(ctx.client, headers, plan, "PUT", "/kpis", [])
    plan = await write(ctx.client, headers, plan, "PUT", "/core-companies", [])
    plan = await write(
        ctx.client,
        headers,
        plan,
        "PATCH",
        "",
        {"sections": {**plan["sections"], "industry": {"reason": "書き換えた理由"}}},
    )
    response = await ctx.client.post(
        f"/api/plans/{plan['id']}/import/preview",
        files={"file": ("plan.xlsx", exported.content, "application/octet-stream")},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    changes: list[dict[str, Any]] = response.json()["changes"]
    seen = {(c["kind"], c["item"], c["field"]) for c in changes}
    assert ("added", "KGI「半導体関連の新規雇用者数」", None) in seen
    assert ("added", "KPI「支援件数」", None) in seen
    assert ("added", "「サンプル製作所1（サンプル）」", None) in seen
    assert any(c["kind"] == "changed" and c["after"] == "半導体製造装置の集積" for c in changes)
    # Nothing is written by a preview.
    after = (await ctx.client.get(f"/api/plans/{plan['id']}", headers=headers)).json()
    assert (after["version"], after["kpis"], after["core_companies"]) == (plan["version"], [], [])
