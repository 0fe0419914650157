"""The open data's filters (type, prefecture, strategic field, industry, round), the history of a
plan's publications and the DCAT catalogue harvesters read."""

from __future__ import annotations

from typing import Any

from chiiki_common.clock import Clock, jst_wall_clock, set_clock
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    FUKUOKA,
    KUMAMOTO,
    act,
    companies_for,
    complete,
    create,
    drive,
    write,
)


async def _published(
    ctx: PlansContext, org: str, title: str, fields: list[str], industries: list[str]
) -> dict[str, Any]:
    editor = ctx.tokens.prefecture(org, "editor")
    plan = await complete(ctx.client, editor, await create(ctx.client, editor, "B", title=title))
    plan = await write(
        ctx.client,
        editor,
        plan,
        "PATCH",
        "",
        {"strategic_fields": fields, "jsic_codes": industries},
    )
    return await drive(ctx.client, ctx.tokens, plan, "publish")


def _titles(answer: Any) -> list[str]:
    return [p["title"] for p in answer.json()["items"]]


async def test_published_plans_are_found_by_field_industry_round_and_prefecture(
    ctx: PlansContext,
) -> None:
    # both asked for pre-check within 第1弾 (after 先行事例 on 2026-06-05, until 2026-07-15 JST)
    set_clock(Clock(jst_wall_clock(2026, 6, 20, 9, 0), frozen=True))
    chips = await _published(ctx, KUMAMOTO, "半導体の計画", ["ai_semiconductor"], ["E28"])
    await _published(ctx, FUKUOKA, "造船の計画", ["shipbuilding"], ["E31"])
    get = ctx.client.get
    assert _titles(await get("/public/v1/plans?field=ai_semiconductor")) == ["半導体の計画"]
    assert _titles(await get("/public/v1/plans?field=quantum")) == []
    # an industry finds the plans naming it or an industry under it
    assert _titles(await get("/public/v1/plans?industry=E28")) == ["半導体の計画"]
    assert sorted(_titles(await get("/public/v1/plans?industry=E"))) == [
        "半導体の計画",
        "造船の計画",
    ]
    assert (await get("/public/v1/plans?industry=E2")).status_code == 422  # not a JSIC code
    assert _titles(await get("/public/v1/plans?prefecture=40&industry=E")) == ["造船の計画"]
    round_code = chips["round_code"]
    assert round_code == "2026-batch-1"
    assert len(_titles(await get(f"/public/v1/plans?round={round_code}"))) == 2
    assert _titles(await get("/public/v1/plans?round=dai-99-dan")) == []
    # the CSV takes the same filters
    csv_text = (await get("/public/v1/plans.csv?field=shipbuilding")).text
    assert "造船の計画" in csv_text
    assert "半導体の計画" not in csv_text


async def test_a_filter_that_is_not_a_code_is_refused_with_every_field_named(
    ctx: PlansContext,
) -> None:
    answer = await ctx.client.get("/public/v1/plans?field=none&industry=E2&round=第1弾")
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
    assert sorted(e["field"] for e in answer.json()["errors"]) == ["field", "industry", "round"]


async def test_the_history_of_publications_lists_every_published_version(
    ctx: PlansContext,
) -> None:
    editor = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await _published(ctx, KUMAMOTO, "初版の名称", ["ai_semiconductor"], ["E28"])
    plan = await act(ctx.client, editor, plan, "revise")
    plan = await write(ctx.client, editor, plan, "PATCH", "", {"title": "改訂後の名称"})
    plan = await write(ctx.client, editor, plan, "PUT", "/core-companies", companies_for("B", 2))
    plan = await drive(ctx.client, ctx.tokens, plan, "publish")
    history = (await ctx.client.get(f"/public/v1/plans/{plan['id']}/versions")).json()
    assert [(h["version"], h["title"]) for h in history] == [(2, "改訂後の名称"), (1, "初版の名称")]
    first = (await ctx.client.get(f"/public/v1/plans/{plan['id']}/versions/1")).json()
    assert first["title"] == "初版の名称"
    assert (await ctx.client.get(f"/public/v1/plans/{plan['id']}/versions/3")).status_code == 404
    # a plan never published has no public history
    draft = await create(ctx.client, editor, "B", title="下書きの計画")
    assert (await ctx.client.get(f"/public/v1/plans/{draft['id']}/versions")).status_code == 404
    # the filters follow the current version only: the first version's title is gone from the list
    assert _titles(await ctx.client.get("/public/v1/plans")) == ["改訂後の名称"]


async def test_the_catalogue_describes_each_data_set_with_licence_date_and_downloads(
    ctx: PlansContext,
) -> None:
    plan = await _published(ctx, KUMAMOTO, "半導体の計画", ["ai_semiconductor"], ["E28"])
    answer = await ctx.client.get("/public/v1/catalog.json")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("application/ld+json")
    catalogue = answer.json()
    assert catalogue["@type"] == "dcat:Catalog"
    assert catalogue["dct:license"]["@id"] == "https://creativecommons.org/licenses/by/4.0/"
    published_on = plan["published_at"][:4]
    assert catalogue["dct:modified"].startswith(published_on)
    listing, one = catalogue["dcat:dataset"]
    assert [d["dcat:mediaType"] for d in listing["dcat:distribution"]] == [
        "application/json",
        "text/csv",
    ]
    assert one["dct:title"] == "半導体の計画"
    assert one["dct:spatial"] == "熊本県"
    # the type by its name (PlanType.label), as the 様式, the PDF and the SPA name it
    assert one["dct:description"] == "熊本県の地域産業クラスター計画(第1版)"
    assert "AI・半導体" in one["dcat:keyword"]
    assert one["dct:license"]["@id"] == catalogue["dct:license"]["@id"]
    base = "http://127.0.0.1:8000"  # public_base_url, the address people use
    downloads = {
        d["dcat:mediaType"]: d["dcat:downloadURL"]["@id"] for d in one["dcat:distribution"]
    }
    assert downloads["application/json"] == f"{base}/public/v1/plans/{plan['id']}"
    assert one["dcat:landingPage"]["@id"] == f"{base}/open-data/plans/{plan['id']}"
    assert listing["dcat:landingPage"]["@id"] == f"{base}/open-data"
    # every distribution of the plan answers, without a login
    json_path = downloads["application/json"].removeprefix(base)
    assert (await ctx.client.get(json_path)).json()["title"] == "半導体の計画"
    assert catalogue["hydra:totalItems"] == 1
    assert "hydra:next" not in catalogue["hydra:view"]
    tag = answer.headers["etag"]
    again = await ctx.client.get("/public/v1/catalog.json", headers={"If-None-Match": tag})
    assert again.status_code == 304


async def test_a_published_version_reads_as_labelled_items_without_codes(
    ctx: PlansContext,
) -> None:
    plan = await _published(ctx, KUMAMOTO, "半導体の計画", ["ai_semiconductor"], ["E28"])
    answer = await ctx.client.get(f"/public/v1/plans/{plan['id']}/versions/1/items")
    assert answer.status_code == 200
    items = answer.json()
    by_item = {i["item"]: i["after"] for i in items}
    assert by_item["計画の名称"] == "半導体の計画"
    assert by_item["戦略分野(17分野)"] == "AI・半導体"
    assert by_item["目標年度"] == "2035年度(令和17年度)"
    assert any(i["area_label"] == "KGI" for i in items)
    # no field path, repr or organisation code reaches the reader
    shown = " ".join(f"{i['area_label']} {i['item']} {i['after'] or ''}" for i in items)
    assert "{" not in shown
    assert "organisation" not in shown
    assert "430005" not in shown
    missing = await ctx.client.get(f"/public/v1/plans/{plan['id']}/versions/2/items")
    assert missing.status_code == 404
