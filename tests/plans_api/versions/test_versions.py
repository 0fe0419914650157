"""Version history (版の履歴), restore, and the import preview."""

from __future__ import annotations

import io
import re
from typing import Any

import openpyxl
import pytest

from tests.plans_api.conftest import PlansContext
from tests.plans_api.exports.forms import field_cell, table_cells
from tests.plans_api.factories import (
    FUKUOKA,
    KIKUYO,
    KUMAMOTO,
    companies_for,
    company_number,
    complete,
    create,
    drive,
    kgis_for,
    write,
)


async def versions(ctx: PlansContext, plan: dict[str, Any], headers: dict[str, str]) -> Any:
    response = await ctx.client.get(f"/api/plans/{plan['id']}/versions", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def restore(
    ctx: PlansContext, plan: dict[str, Any], number: int, headers: dict[str, str]
) -> Any:
    return await ctx.client.post(
        f"/api/plans/{plan['id']}/versions/{number}/restore",
        headers={**headers, "If-Match": f'"{plan["version"]}"'},
    )


async def edited_twice(ctx: PlansContext) -> tuple[dict[str, Any], dict[str, str]]:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await create(ctx.client, headers, "B", title="第一稿")
    plan = await write(ctx.client, headers, plan, "PATCH", "", {"title": "第二稿"})
    plan = await write(ctx.client, headers, plan, "PUT", "/kgis", kgis_for("B"))
    return plan, headers


async def test_every_content_write_records_a_version_newest_first(ctx: PlansContext) -> None:
    plan, headers = await edited_twice(ctx)
    page = await versions(ctx, plan, headers)
    assert page["total"] == 3
    items = page["items"]
    assert [i["version"] for i in items] == [3, 2, 1]
    assert [i["source_label"] for i in items] == ["編集", "編集", "作成"]
    assert items[0]["changed_areas"] == ["KGI"]
    assert items[1]["changed_areas"] == ["計画の概要"]
    assert [i["current"] for i in items] == [True, False, False]
    assert items[0]["version"] == plan["version"]
    paged = await ctx.client.get(
        f"/api/plans/{plan['id']}/versions?limit=1&offset=1", headers=headers
    )
    assert [i["version"] for i in paged.json()["items"]] == [2]
    assert paged.json()["items"][0]["changed_areas"] == ["計画の概要"]


async def test_a_write_that_changes_no_content_records_no_version(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await create(ctx.client, headers, "B")
    plan = await write(ctx.client, headers, plan, "PATCH", "", {"title": plan["title"]})
    plan = await write(
        ctx.client,
        headers,
        plan,
        "PUT",
        "/coordination",
        {
            "entries": [
                {
                    "party_kind": "company",
                    "party_name": "サンプル製作所",
                    "consulted_on": "2026-05-01",
                }
            ]
        },
    )
    assert [i["version"] for i in (await versions(ctx, plan, headers))["items"]] == [1]


async def test_one_version_shows_its_content_and_what_restoring_would_change(
    ctx: PlansContext,
) -> None:
    plan, headers = await edited_twice(ctx)
    response = await ctx.client.get(f"/api/plans/{plan['id']}/versions/1", headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["source_label"] == "作成"
    titles = [c for c in body["items"] if c["item"] == "計画の名称"]
    assert titles[0]["after"] == "第一稿"
    changes = body["changes_to_current"]
    title_change = next(c for c in changes if c["item"] == "計画の名称")
    assert (title_change["kind"], title_change["before"], title_change["after"]) == (
        "changed",
        "第二稿",
        "第一稿",
    )
    removed = {c["item"] for c in changes if c["kind"] == "removed"}
    assert "KGI「計画での付加価値増加額」" in removed
    missing = await ctx.client.get(f"/api/plans/{plan['id']}/versions/99", headers=headers)
    assert missing.status_code == 404


async def test_restore_creates_a_new_version_equal_to_the_restored_one(ctx: PlansContext) -> None:
    plan, headers = await edited_twice(ctx)
    first = (await ctx.client.get(f"/api/plans/{plan['id']}/versions/1", headers=headers)).json()
    response = await restore(ctx, plan, 1, headers)
    assert response.status_code == 200, response.text
    restored = response.json()
    assert restored["version"] == plan["version"] + 1
    assert response.headers["ETag"] == f'"{restored["version"]}"'
    assert restored["title"] == "第一稿"
    assert restored["kgis"] == []
    items = (await versions(ctx, restored, headers))["items"]
    assert [i["version"] for i in items] == [4, 3, 2, 1]
    assert (items[0]["source_label"], items[0]["restored_from"]) == ("復元", 1)
    newest = (await ctx.client.get(f"/api/plans/{plan['id']}/versions/4", headers=headers)).json()
    assert newest["items"] == first["items"]
    assert newest["changes_to_current"] == []
    again = (await ctx.client.get(f"/api/plans/{plan['id']}/versions/3", headers=headers)).json()
    assert any(c["item"].startswith("KGI") for c in again["changes_to_current"])


async def test_restore_of_a_full_plan_round_trips_every_item(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    full = plan["version"]
    plan = await write(ctx.client, headers, plan, "PUT", "/core-companies", companies_for("B", 7))
    plan = await write(ctx.client, headers, plan, "PATCH", "", {"sections": {}})
    response = await restore(ctx, plan, full, headers)
    assert response.status_code == 200, response.text
    restored = await ctx.client.get(f"/api/plans/{plan['id']}/versions/{full}", headers=headers)
    assert restored.json()["changes_to_current"] == []


LATIN = re.compile(r"[A-Za-z]")


def english_in(text: str | None) -> bool:
    """Latin letters other than the seeds' own abbreviations (KGI, KPI, 5W1H, EBPM)."""
    rest = re.sub(r"KGI|KPI|5W1H|EBPM", "", text or "")
    return bool(LATIN.search(rest))


@pytest.mark.parametrize("plan_type", ["B", "C"])
async def test_a_full_version_is_labelled_in_japanese_without_machine_keys(
    ctx: PlansContext, plan_type: str
) -> None:
    headers = (
        ctx.tokens.prefecture(KUMAMOTO, "editor")
        if plan_type == "B"
        else ctx.tokens.municipality(KIKUYO, "editor")
    )
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, plan_type))
    body = (
        await ctx.client.get(f"/api/plans/{plan['id']}/versions/{plan['version']}", headers=headers)
    ).json()
    items = body["items"]
    areas = {i["area_label"] for i in items}
    assert {"計画の概要", "記載項目", "要件の充足状況", "KGI", "KPI"} <= areas
    for item in items:
        for text in (item["area_label"], item["item"], item["field"]):
            assert not english_in(text), item
    kpi = next(i for i in items if i["area"] == "kpis")
    assert "撤退基準" in (kpi["after"] or "")
    assert "施策の意義" in (kpi["after"] or "")
    kgis = [i for i in items if i["area"] == "kgis"]
    assert all("種類: 計画での" in (k["after"] or "") for k in kgis), kgis
    for value in (kpi["after"], *(k["after"] for k in kgis)):
        assert "種類: value_added" not in (value or "")
        assert " lt" not in (value or "")


async def test_restore_without_if_match_or_with_a_stale_one_is_refused(ctx: PlansContext) -> None:
    plan, headers = await edited_twice(ctx)
    url = f"/api/plans/{plan['id']}/versions/1/restore"
    assert (await ctx.client.post(url, headers=headers)).status_code == 428
    stale = await ctx.client.post(url, headers={**headers, "If-Match": '"1"'})
    assert stale.status_code == 412
    assert len((await versions(ctx, plan, headers))["items"]) == 3


async def test_restore_by_a_viewer_is_refused(ctx: PlansContext) -> None:
    plan, _ = await edited_twice(ctx)
    viewer = ctx.tokens.prefecture(KUMAMOTO, "viewer")
    assert len((await versions(ctx, plan, viewer))["items"]) == 3
    response = await restore(ctx, plan, 1, viewer)
    assert response.status_code == 403
    assert "編集者" in response.json()["detail"]


async def test_restore_of_a_frozen_plan_is_refused_with_the_reason(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    plan = await drive(ctx.client, ctx.tokens, plan, "complete_precheck")
    response = await restore(ctx, plan, 1, headers)
    assert response.status_code == 409
    problem = response.json()
    assert problem["type"].endswith("/plan-frozen")
    assert "再編集" in problem["detail"]
    after = (await ctx.client.get(f"/api/plans/{plan['id']}", headers=headers)).json()
    assert after["version"] == plan["version"]


async def test_history_of_another_tenant_is_not_found(ctx: PlansContext) -> None:
    plan, _ = await edited_twice(ctx)
    fukuoka = ctx.tokens.prefecture(FUKUOKA, "editor")
    national = ctx.tokens.national("reviewer")
    for headers in (fukuoka, national):
        for path in ("/versions", "/versions/1"):
            response = await ctx.client.get(f"/api/plans/{plan['id']}{path}", headers=headers)
            assert response.status_code == 404, (path, response.text)
        assert (await restore(ctx, plan, 1, headers)).status_code == 404


# --- import preview --------------------------------------------------------------------------


async def export(ctx: PlansContext, plan: dict[str, Any], headers: dict[str, str]) -> bytes:
    response = await ctx.client.get(f"/api/plans/{plan['id']}/export.xlsx", headers=headers)
    assert response.status_code == 200
    return response.content


async def preview(
    ctx: PlansContext, plan: dict[str, Any], data: bytes, headers: dict[str, str]
) -> Any:
    return await ctx.client.post(
        f"/api/plans/{plan['id']}/import/preview",
        files={"file": ("plan.xlsx", data, "application/octet-stream")},
        headers=headers,
    )


def edited_workbook(data: bytes) -> bytes:
    """The workbook with the title changed, one KGI target changed and the company removed."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    field_cell(workbook, "title").value = "取込後の名称"
    kinds = table_cells(workbook, "kgis", "kind")
    for kind, target in zip(kinds, table_cells(workbook, "kgis", "target"), strict=True):
        if kind.value == "計画での付加価値増加額":
            target.value = 555
    for column in ("corporate_number", "name", "role", "scale"):
        for cell in table_cells(workbook, "core_companies", column):
            cell.value = None
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def test_import_preview_lists_changes_and_writes_nothing(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    data = edited_workbook(await export(ctx, plan, headers))
    response = await preview(ctx, plan, data, headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["plan_id"], body["version"], body["workbook_version"]) == (
        plan["id"],
        plan["version"],
        plan["version"],
    )
    seen = {(c["kind"], c["item"], c["field"]) for c in body["changes"]}
    assert ("changed", "計画の名称", None) in seen
    assert ("changed", "KGI「計画での付加価値増加額」", "目標値") in seen
    assert ("removed", "「サンプル製作所1（サンプル）」", None) in seen
    assert len(body["changes"]) == 3, body["changes"]
    target = next(c for c in body["changes"] if c["field"] == "目標値")
    assert target["after"] == "555"
    for change in body["changes"]:
        assert "/" not in change["item"]
        assert "_" not in (change["field"] or "")
    after = (await ctx.client.get(f"/api/plans/{plan['id']}", headers=headers)).json()
    assert after["version"] == plan["version"]
    assert after["title"] == plan["title"]
    applied = await ctx.client.post(
        f"/api/plans/{plan['id']}/import",
        files={"file": ("plan.xlsx", data, "application/octet-stream")},
        headers={**headers, "If-Match": f'"{body["version"]}"'},
    )
    assert applied.status_code == 200, applied.text
    assert applied.json()["title"] == "取込後の名称"
    items = (await versions(ctx, applied.json(), headers))["items"]
    assert items[0]["source_label"] == "取込"
    unchanged = await preview(
        ctx, applied.json(), await export(ctx, applied.json(), headers), headers
    )
    assert unchanged.json()["changes"] == []


async def test_import_preview_names_a_workbook_of_another_plan(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    other = await create(ctx.client, headers, "B", title="別の計画")
    target = await create(ctx.client, headers, "B", title="取込先")
    response = await preview(ctx, target, await export(ctx, other, headers), headers)
    assert response.status_code == 422
    problem = response.json()
    assert problem["type"].endswith("/workbook-of-another-plan")
    assert f"この様式は「別の計画」(計画ID {other['id']})のものです" in problem["detail"]
    assert problem["errors"][0]["field"] == "file"


@pytest.mark.parametrize("path", ["/import/preview", "/import"])
async def test_a_workbook_of_another_type_is_named_as_such(ctx: PlansContext, path: str) -> None:
    c_headers = ctx.tokens.municipality(KIKUYO, "editor")
    c_plan = await create(ctx.client, c_headers, "C")
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    b_plan = await create(ctx.client, headers, "B")
    response = await ctx.client.post(
        f"/api/plans/{b_plan['id']}{path}",
        files={"file": ("plan.xlsx", await export(ctx, c_plan, c_headers))},
        headers={**headers, "If-Match": f'"{b_plan["version"]}"'},
    )
    assert response.status_code == 422
    problem = response.json()
    assert problem["type"].endswith("/workbook-of-another-type")
    assert "この様式はC類型(地場産業成長プラン、様式2)のものです" in problem["detail"]


async def test_import_preview_is_refused_for_viewers_and_frozen_plans(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    data = await export(ctx, plan, headers)
    viewer = await preview(ctx, plan, data, ctx.tokens.prefecture(KUMAMOTO, "viewer"))
    assert viewer.status_code == 403
    stranger = await preview(ctx, plan, data, ctx.tokens.prefecture(FUKUOKA, "editor"))
    assert stranger.status_code == 404
    plan = await drive(ctx.client, ctx.tokens, plan, "request_precheck")
    frozen = await preview(ctx, plan, data, headers)
    assert frozen.status_code == 409
    assert frozen.json()["type"].endswith("/plan-frozen")


async def test_a_company_added_by_an_open_call_selection_is_a_version(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await create(ctx.client, headers, "B")
    scoring = ctx.tokens.service("scoring-api", scope="plans:core-companies:write")
    response = await ctx.client.post(
        f"/internal/plans/{plan['id']}/core-companies",
        json={
            "corporate_number": company_number(42),
            "name": "選定企業",
            "prefecture_code": KUMAMOTO,
        },
        headers=scoring,
    )
    assert response.status_code == 200, response.text
    newest = (await versions(ctx, plan, headers))["items"][0]
    assert newest["version"] == response.json()["version"]
    assert (newest["actor_name"], newest["organisation"]) == ("公募での選定による追加", "")
    assert newest["changed_areas"] == ["核となる企業"]


async def test_a_change_of_industries_names_each_industry_not_only_its_code(
    ctx: PlansContext,
) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await create(ctx.client, headers, "B")
    plan = await write(ctx.client, headers, plan, "PATCH", "", {"jsic_codes": ["E28"]})
    plan = await write(ctx.client, headers, plan, "PATCH", "", {"jsic_codes": ["E28", "E2814"]})
    body = (await ctx.client.get(f"/api/plans/{plan['id']}/versions/2", headers=headers)).json()
    # restoring version 2 would turn today's two industries back into one
    change = next(c for c in body["changes_to_current"] if c["path"] == "jsic_codes")
    assert change["before"] == "E28 電子部品・デバイス・電子回路製造業、E2814 集積回路製造業"
    assert change["after"] == "E28 電子部品・デバイス・電子回路製造業"
