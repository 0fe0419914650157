"""A published version as files a journalist opens in a spreadsheet (CSV and xlsx): built from the
published snapshot only, labelled as the public page, never a withheld item, never a formula."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl

from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    KUMAMOTO,
    SECTIONS_B,
    act,
    companies_for,
    complete,
    create,
    drive,
    write,
)

INVESTMENT_CASE = "くまもと精密装置（サンプル）が菊陽町に120億円の新工場を建設する"
FORMULA = '=HYPERLINK("https://example.invalid","開く")'
COMPANY = companies_for("B")[0]["name"]
KGI_NAMES = ("capex_target_year", "capex_cumulative", "value_added", "human_resources")


async def _published(ctx: PlansContext, title: str = "半導体の計画") -> dict[str, Any]:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B", title=title))
    sections = {
        **SECTIONS_B,
        "path": {
            **SECTIONS_B["path"],
            "basic_strategy": FORMULA,
            "investment_picture": INVESTMENT_CASE,
        },
    }
    plan = await write(ctx.client, editor, plan, "PATCH", "", {"sections": sections})
    return await drive(ctx.client, ctx.tokens, plan, "publish")


def _csv_rows(body: bytes) -> list[list[str]]:
    assert body.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def _values(rows: list[list[str]]) -> dict[str, str]:
    return {row[1]: row[2] for row in rows[1:]}


async def test_a_published_version_reads_as_csv_one_row_per_item(ctx: PlansContext) -> None:
    plan = await _published(ctx)
    answer = await ctx.client.get(f"/public/v1/plans/{plan['id']}.csv")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/csv")
    assert "attachment" in answer.headers["content-disposition"]
    assert "filename*=UTF-8''" in answer.headers["content-disposition"]
    rows = _csv_rows(answer.content)
    assert rows[0] == ["区分", "項目", "値"]
    values = _values(rows)
    assert values["計画の名称"] == "半導体の計画"
    assert values["公表の版"] == "第1版"
    assert values["都道府県"] == "熊本県"
    assert values["類型"] == "B類型 地域産業クラスター計画"
    shown = " ".join(" ".join(row) for row in rows)
    for name in KGI_NAMES:
        assert f"KGI名: {name}" in shown
    assert COMPANY in shown
    # a text that starts like a formula is behind a quote; the withheld item reads its note
    assert any(v == "'" + FORMULA for v in values.values())
    assert INVESTMENT_CASE not in shown
    assert "120億円" not in shown
    assert "企業の個別の投資案件を含むため公表していません" in shown


async def test_a_published_version_reads_as_a_labelled_workbook(ctx: PlansContext) -> None:
    plan = await _published(ctx)
    answer = await ctx.client.get(f"/public/v1/plans/{plan['id']}.xlsx")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = openpyxl.load_workbook(io.BytesIO(answer.content))
    assert workbook.sheetnames == ["計画の内容"]
    sheet = workbook["計画の内容"]
    assert sheet["A1"].value == "半導体の計画"
    assert [c.value for c in sheet[2]] == ["区分", "項目", "値"]
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    texts = " ".join(str(c.value) for c in cells)
    for name in KGI_NAMES:
        assert f"KGI名: {name}" in texts
    assert COMPANY in texts
    assert INVESTMENT_CASE not in texts
    assert "企業の個別の投資案件を含むため公表していません" in texts
    # no cell is a formula: the one starting with = is a string cell marked as text
    assert all(c.data_type != "f" for c in cells)
    formula_cells = [c for c in cells if c.value == FORMULA]
    assert len(formula_cells) == 1
    assert formula_cells[0].data_type == "s"
    assert formula_cells[0].quotePrefix


async def test_the_files_are_the_published_snapshot_not_the_draft(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await _published(ctx, "公表した名称")
    plan = await act(ctx.client, editor, plan, "revise")
    await write(ctx.client, editor, plan, "PATCH", "", {"title": "改訂中の名称"})
    for suffix in (".csv", ".xlsx", "/versions/1.csv", "/versions/1.xlsx"):
        body = (await ctx.client.get(f"/public/v1/plans/{plan['id']}{suffix}")).content
        text = (
            body.decode("utf-8-sig")
            if suffix.endswith(".csv")
            else " ".join(
                str(c.value)
                for row in openpyxl.load_workbook(io.BytesIO(body)).active.iter_rows()
                for c in row
                if c.value is not None
            )
        )
        assert "公表した名称" in text, suffix
        assert "改訂中の名称" not in text, suffix


async def test_the_same_version_gives_the_same_bytes_and_answers_304(ctx: PlansContext) -> None:
    plan = await _published(ctx)
    for suffix in (".csv", ".xlsx", "/versions/1.csv", "/versions/1.xlsx"):
        path = f"/public/v1/plans/{plan['id']}{suffix}"
        first, second = await ctx.client.get(path), await ctx.client.get(path)
        assert first.status_code == 200, suffix
        assert first.content == second.content, suffix
        assert first.headers["etag"] == second.headers["etag"]
        assert first.headers["cache-control"].startswith("public")
        again = await ctx.client.get(path, headers={"If-None-Match": first.headers["etag"]})
        assert again.status_code == 304, suffix


async def test_an_unpublished_plan_or_version_has_no_files(ctx: PlansContext) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    draft = await create(ctx.client, editor, "B", title="下書きの計画")
    for suffix in (".csv", ".xlsx", "/versions/1.csv", "/versions/1.xlsx"):
        answer = await ctx.client.get(f"/public/v1/plans/{draft['id']}{suffix}")
        assert answer.status_code == 404, suffix
        assert answer.headers["content-type"].startswith("application/problem+json")
    plan = await _published(ctx)
    assert (
        await ctx.client.get(f"/public/v1/plans/{plan['id']}/versions/2.csv")
    ).status_code == 404


async def test_the_catalogue_offers_each_plan_as_csv_and_xlsx(ctx: PlansContext) -> None:
    plan = await _published(ctx)
    catalogue = (await ctx.client.get("/public/v1/catalog.json")).json()
    _, one = catalogue["dcat:dataset"]
    downloads = {
        d["dcat:mediaType"]: d["dcat:downloadURL"]["@id"] for d in one["dcat:distribution"]
    }
    base = "http://127.0.0.1:8000"
    assert downloads["text/csv"] == f"{base}/public/v1/plans/{plan['id']}.csv"
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert downloads[xlsx] == f"{base}/public/v1/plans/{plan['id']}.xlsx"
    for url in downloads.values():
        assert (await ctx.client.get(url.removeprefix(base))).status_code == 200
