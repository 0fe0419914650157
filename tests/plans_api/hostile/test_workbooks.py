"""様式 workbooks and open data under attack: hostile imports are refused and change nothing; no
export ever holds a cell a spreadsheet evaluates; the open-data CSV streams with a cap."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl
import pytest
from openpyxl.utils.escape import unescape

import plans_api
from plans_api.app import create_app
from plans_api.settings import Settings
from tests.fixtures import spreadsheets as hostile
from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory
from tests.fixtures.databases import DatabaseFactory
from tests.plans_api.conftest import PlansContext
from tests.plans_api.exports.forms import table_cells
from tests.plans_api.factories import (
    KUMAMOTO,
    complete,
    create,
    kpis_for,
    published_plan,
    write,
)

INJECTIONS = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


async def _import(ctx: PlansContext, plan: dict[str, Any], data: bytes) -> Any:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    return await ctx.client.post(
        f"/api/plans/{plan['id']}/import",
        files={"file": ("plan.xlsx", data, "application/octet-stream")},
        headers={**headers, "If-Match": f'"{plan["version"]}"'},
    )


async def _export(ctx: PlansContext, plan: dict[str, Any]) -> bytes:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    response = await ctx.client.get(f"/api/plans/{plan['id']}/export.xlsx", headers=headers)
    assert response.status_code == 200
    return response.content


@pytest.mark.parametrize(
    ("bomb", "title"),
    [
        (hostile.zip_bomb(), "圧縮率が上限(100倍)"),
        (hostile.xlsx({f"様式1-{i}": hostile.sheet_xml("") for i in range(51)}), "シート数が上限"),
        (hostile.table([["あ" * 40_000]], name="様式1-1"), "セルの文字数が上限"),
    ],
    ids=["zip-bomb", "too-many-sheets", "giant-cell"],
)
async def test_a_hostile_workbook_import_is_refused_and_the_plan_is_unchanged(
    ctx: PlansContext, bomb: bytes, title: str
) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    response = await _import(ctx, plan, bomb)
    assert response.status_code == 422, response.text
    assert title in response.json()["title"]
    after = (await ctx.client.get(f"/api/plans/{plan['id']}", headers=headers)).json()
    assert after["version"] == plan["version"]
    assert after["title"] == plan["title"]


async def test_a_formula_in_an_imported_form_is_refused_naming_its_cell(ctx: PlansContext) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    workbook = openpyxl.load_workbook(io.BytesIO(await _export(ctx, plan)))
    target = table_cells(workbook, "kgis", "target")[0]
    target.value = "=100*2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = await _import(ctx, plan, buffer.getvalue())
    assert response.status_code == 422
    body = response.json()
    assert body["title"] == "数式のセルは取り込めません"
    assert f"file/様式1-3!{target.coordinate}" in [e["field"] for e in body["errors"]]
    after = (await ctx.client.get(f"/api/plans/{plan['id']}", headers=headers)).json()
    assert after["version"] == plan["version"]
    assert [k["target"] for k in after["kgis"]] == [k["target"] for k in plan["kgis"]]


async def test_the_form_workbook_never_holds_a_formula_and_reads_back_the_same(
    ctx: PlansContext,
) -> None:
    headers = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, "B"))
    companies = [
        {**plan["core_companies"][0], "name": text, "role": text, "scale": text}
        for text in INJECTIONS[:1]
    ]
    plan = await write(ctx.client, headers, plan, "PUT", "/core-companies", companies)
    sections = {**plan["sections"]}
    first_heading = next(iter(sections))
    first_item = next(iter(sections[first_heading]))
    sections[first_heading] = {**sections[first_heading], first_item: "\r=1"}
    plan = await write(
        ctx.client, headers, plan, "PATCH", "", {"title": "-2+3", "sections": sections}
    )
    kpis = [{**kpis_for()[0], "name": "@SUM(A1)", "unit": "+1+1"}]
    plan = await write(ctx.client, headers, plan, "PUT", "/kpis", kpis)
    data = await _export(ctx, plan)
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=False, data_only=False)
    cells = [c for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row]
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    texts = {unescape(c.value) for c in cells if isinstance(c.value, str)}
    assert {INJECTIONS[0], "-2+3", "@SUM(A1)", "+1+1", "\r=1"} <= texts
    numbers = [c.value for c in cells if c.data_type == "n" and isinstance(c.value, int)]
    assert 100 in numbers  # the KGI targets stay numeric cells
    target = await create(ctx.client, headers, "B", title="取込先")
    response = await _import(ctx, target, data)
    assert response.status_code == 200, response.text
    imported = response.json()
    assert imported["title"] == "-2+3"
    assert imported["core_companies"][0]["name"] == INJECTIONS[0]
    assert imported["sections"][first_heading][first_item] == "\r=1"


async def test_the_open_data_csv_neutralises_every_field_that_starts_like_a_formula(
    ctx: PlansContext,
) -> None:
    """Titles cannot hold a tab or a carriage return (refused on input), so the four other
    triggers stand for them here; the writer's handling of all six is tested in tests/common."""
    triggers = INJECTIONS[:4]
    for n, text in enumerate(triggers, start=1):
        await published_plan(ctx.client, ctx.tokens, title=text, company=n)
    response = await ctx.client.get("/public/v1/plans.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.text.lstrip("\ufeff"), newline="")))
    titles = [row[2] for row in rows[1:]]
    assert sorted(titles) == sorted("'" + t for t in triggers)
    assert all(row[0].isdigit() and row[6] == "1" for row in rows[1:])


async def test_a_large_open_data_csv_streams_at_most_the_cap_and_links_the_next_part(
    backend: str, database_factory: DatabaseFactory, tokens: TokenFactory
) -> None:
    url = database_factory.fresh(backend, "plans_api", plans_api.MIGRATIONS)
    settings = Settings(
        database_url=url,
        environment="test",
        log_requests=False,
        publication_poll_seconds=3600,
        open_data_csv_max_rows=2,
    )
    app = create_app(settings, verifier=tokens.verifier(settings.audience))
    async with running(app) as client:
        ids = [
            (await published_plan(client, tokens, title=f"計画{n}", company=n))["id"]
            for n in range(1, 4)
        ]
        first = await client.get("/public/v1/plans.csv", params={"type": "B"})
        link = first.headers["link"]
        assert link == '</public/v1/plans.csv?type=B&offset=2>; rel="next"'
        second = await client.get(link[1 : link.index(">")])
    first_rows = list(csv.reader(io.StringIO(first.text.lstrip("\ufeff"))))
    second_rows = list(csv.reader(io.StringIO(second.text.lstrip("\ufeff"))))
    assert first.headers["x-total-count"] == "3"
    assert [int(r[0]) for r in first_rows[1:]] == ids[:2]
    assert [int(r[0]) for r in second_rows[1:]] == ids[2:]
    assert "link" not in second.headers
