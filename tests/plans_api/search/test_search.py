"""Japanese search over plans (issue 14): two-character words, width and kana variants, tenancy
through the plans' one filter, ranking, highlighted snippets and an index that follows every edit."""

from __future__ import annotations

from typing import Any

import pytest

from chiiki_common.textsearch import normalise
from plans_api.models import PlanType
from plans_api.plans.content import SECTION_MODELS
from plans_api.plans.headings import HEADINGS
from plans_api.search import repository
from tests.plans_api.conftest import PlansContext
from tests.plans_api.factories import (
    FUKUOKA,
    KUMAMOTO,
    KUMAMOTO_CITY,
    SECTIONS_B,
    companies_for,
    company_number,
    complete,
    create,
    drive,
    kgis_for,
    kpis_for,
    write,
)

Headers = dict[str, str]


async def search(ctx: PlansContext, headers: Headers, q: str, **params: Any) -> dict[str, Any]:
    response = await ctx.client.get("/api/plans/search", params={"q": q, **params}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def titles(page: dict[str, Any]) -> list[str]:
    return [item["title"] for item in page["items"]]


async def plan_with(
    ctx: PlansContext, headers: Headers, title: str, strategy: str = "", plan_type: str = "B"
) -> dict[str, Any]:
    plan = await create(ctx.client, headers, plan_type, title=title)
    if strategy:
        plan = await write(
            ctx.client,
            headers,
            plan,
            "PATCH",
            "",
            {"sections": {"path": {"basic_strategy": strategy}}},
        )
    return plan


async def test_a_two_character_word_finds_the_plan_that_uses_it(ctx: PlansContext) -> None:
    pref = ctx.tokens.prefecture(KUMAMOTO, "editor")
    await plan_with(ctx, pref, "球磨地域の地場産業計画", "球磨焼酎の輸出を拡大する")
    await plan_with(ctx, pref, "半導体産業クラスター計画", "装置部品の集積")
    await plan_with(ctx, pref, "観光計画", "温泉地の再生")

    assert titles(await search(ctx, pref, "焼酎")) == ["球磨地域の地場産業計画"]
    assert titles(await search(ctx, pref, "半導")) == ["半導体産業クラスター計画"]
    assert titles(await search(ctx, pref, "泉")) == ["観光計画"]


async def test_width_and_kana_variants_find_the_same_text(ctx: PlansContext) -> None:
    pref = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await plan_with(ctx, pref, "ショウチュウ振興計画")
    await write(
        ctx.client,
        pref,
        plan,
        "PUT",
        "/core-companies",
        [
            {
                "corporate_number": company_number(7),
                "name": "ＡＢＣ精密株式会社",
                "role": "部品",
                "scale": "50名",
            }
        ],
    )
    for variant in ("ショウチュウ", "ｼｮｳﾁｭｳ", "しょうちゅう", "しょう ちゅう"):
        assert titles(await search(ctx, pref, variant)) == ["ショウチュウ振興計画"], variant
    for variant in ("abc精密", "ABC精密", "ＡＢＣ精密"):
        page = await search(ctx, pref, variant)
        assert titles(page) == ["ショウチュウ振興計画"], variant
        assert page["items"][0]["snippets"][0]["label"] == "核となる企業"


async def test_no_match_answers_an_empty_page(ctx: PlansContext) -> None:
    pref = ctx.tokens.prefecture(KUMAMOTO, "editor")
    await plan_with(ctx, pref, "半導体産業クラスター計画", "装置部品の集積")
    page = await search(ctx, pref, "焼酎")
    assert page["items"] == []
    assert page["total"] == 0
    # every bigram is in the plan, but not the word itself
    assert (await search(ctx, pref, "部品装置"))["total"] == 0


async def test_people_find_only_the_plans_they_may_see(ctx: PlansContext) -> None:
    kumamoto = ctx.tokens.prefecture(KUMAMOTO, "editor")
    fukuoka = ctx.tokens.prefecture(FUKUOKA, "editor")
    city = ctx.tokens.municipality(KUMAMOTO_CITY, "editor")
    for headers, title in ((kumamoto, "熊本県の焼酎計画"), (fukuoka, "福岡県の焼酎計画")):
        plan = await complete(ctx.client, headers, await plan_with(ctx, headers, title))
        await drive(ctx.client, ctx.tokens, plan, "request_precheck")
    await plan_with(ctx, city, "熊本市の焼酎プラン", plan_type="C")

    assert titles(await search(ctx, city, "焼酎")) == ["熊本市の焼酎プラン"]
    assert sorted(titles(await search(ctx, kumamoto, "焼酎"))) == [
        "熊本市の焼酎プラン",
        "熊本県の焼酎計画",
    ]
    assert titles(await search(ctx, fukuoka, "焼酎")) == ["福岡県の焼酎計画"]
    # national users: every plan from its pre-check request on (the city's draft stays private)
    assert sorted(titles(await search(ctx, ctx.tokens.national(), "焼酎"))) == [
        "熊本県の焼酎計画",
        "福岡県の焼酎計画",
    ]
    machine = await ctx.client.get(
        "/api/plans/search", params={"q": "焼酎"}, headers=ctx.tokens.ministry()
    )
    assert machine.status_code == 403


async def test_a_match_in_the_title_ranks_above_one_in_the_text(ctx: PlansContext) -> None:
    pref = ctx.tokens.prefecture(KUMAMOTO, "editor")
    await plan_with(ctx, pref, "観光振興計画", "焼酎蔵を巡る観光。焼酎と温泉。焼酎の試飲")
    await plan_with(ctx, pref, "焼酎の輸出計画", "海外市場の開拓")
    page = await search(ctx, pref, "焼酎")
    assert titles(page) == ["焼酎の輸出計画", "観光振興計画"]
    assert page["items"][0]["score"] > page["items"][1]["score"]
    assert page["items"][1]["occurrences"] == 3


async def test_snippets_show_the_passage_and_where_the_match_is(ctx: PlansContext) -> None:
    pref = ctx.tokens.prefecture(KUMAMOTO, "editor")
    before = "あ" * 50
    text = f"{before}球磨ｼｮｳﾁｭｳの蔵元と連携する。" + "い" * 50
    await plan_with(ctx, pref, "地場産業計画", text)
    page = await search(ctx, pref, "しょうちゅう")
    (snippet,) = page["items"][0]["snippets"]
    assert (
        snippet["label"] == "4. 勝ち筋の特定と投資の具体像、定量的なインパクト【道筋】 (1) 基本戦略"
    )
    ((start, end),) = snippet["highlights"]
    assert snippet["text"][start:end] == "ｼｮｳﾁｭｳ"
    assert snippet["text"].startswith("…")
    assert snippet["text"].endswith("…")
    assert len(snippet["text"]) <= 2 + 30 + len("ｼｮｳﾁｭｳ") + 30
    assert normalise(snippet["text"][start:end]) == page["query"]


async def test_the_index_follows_an_edit(ctx: PlansContext) -> None:
    pref = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await plan_with(ctx, pref, "焼酎の輸出計画", "球磨焼酎")
    assert titles(await search(ctx, pref, "焼酎")) == ["焼酎の輸出計画"]
    await write(
        ctx.client,
        pref,
        plan,
        "PATCH",
        "",
        {"title": "日本酒の輸出計画", "sections": {"path": {"basic_strategy": "酒蔵の連携"}}},
    )
    assert (await search(ctx, pref, "焼酎"))["total"] == 0
    assert titles(await search(ctx, pref, "日本酒")) == ["日本酒の輸出計画"]
    assert titles(await search(ctx, pref, "酒蔵")) == ["日本酒の輸出計画"]


async def test_a_corporate_number_is_found_in_full_or_by_its_start(ctx: PlansContext) -> None:
    pref = ctx.tokens.prefecture(KUMAMOTO, "editor")
    plan = await plan_with(ctx, pref, "半導体計画")
    number = company_number(123456)
    await write(
        ctx.client,
        pref,
        plan,
        "PUT",
        "/core-companies",
        [{"corporate_number": number, "name": "サンプル工業", "role": "部品", "scale": "50名"}],
    )
    full = await search(ctx, pref, number)
    assert titles(full) == ["半導体計画"]
    assert full["items"][0]["snippets"][0]["label"] == "核となる企業の法人番号"
    assert titles(await search(ctx, pref, number[:8])) == ["半導体計画"]
    assert titles(await search(ctx, pref, "".join(chr(ord(d) + 0xFEE0) for d in number))) == [
        "半導体計画"
    ]
    assert (await search(ctx, pref, number[3:10]))["total"] == 0


async def test_a_query_with_nothing_to_search_is_refused_on_q(ctx: PlansContext) -> None:
    pref = ctx.tokens.prefecture(KUMAMOTO, "editor")
    for q in ("", "　、。", "焼酎\u0085", "あ" * 101):
        response = await ctx.client.get("/api/plans/search", params={"q": q}, headers=pref)
        assert response.status_code == 422, q
        problem = response.json()
        assert response.headers["content-type"].startswith("application/problem+json")
        assert problem["title"] == "検索語を確認してください"
        assert [e["field"] for e in problem["errors"]] == ["q"]
    nul = await ctx.client.get("/api/plans/search", params={"q": "焼\x00酎"}, headers=pref)
    assert nul.status_code == 422
    assert nul.json()["title"] == "使用できない制御文字が含まれています"
    assert [e["field"] for e in nul.json()["errors"]] == ["query/q"]
    missing = await ctx.client.get("/api/plans/search", headers=pref)
    assert missing.status_code == 422
    assert [e["field"] for e in missing.json()["errors"]] == ["q"]


async def test_a_long_word_is_checked_against_the_text_not_only_its_bigrams(
    ctx: PlansContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    pref = ctx.tokens.prefecture(KUMAMOTO, "editor")
    await plan_with(ctx, pref, "焼酎蔵の計画A")
    await plan_with(ctx, pref, "焼酎蔵の計画B")
    await plan_with(ctx, pref, "焼酎と酎蔵の計画")  # holds both bigrams of 焼酎蔵, not the word
    exact = await search(ctx, pref, "焼酎蔵")
    assert sorted(titles(exact)) == ["焼酎蔵の計画A", "焼酎蔵の計画B"]
    assert exact["total"] == 2
    assert exact["total_is_estimate"] is False
    # beyond the candidates checked in full, the page is still checked, the total is the candidates'
    monkeypatch.setattr(repository, "CONFIRM_ALL", 1)
    monkeypatch.setattr(repository, "CONFIRM_CHUNK", 1)
    estimated = await search(ctx, pref, "焼酎蔵", limit=2)
    assert sorted(titles(estimated)) == ["焼酎蔵の計画A", "焼酎蔵の計画B"]
    assert estimated["total"] == 3
    assert estimated["total_is_estimate"] is True


SECTION_WORDS = {
    "industry": ("reason", "光学レンズ"),
    "area": ("core_area", "天草諸島"),
    "present_and_goals": ("present_state", "干潟"),
    "path": ("investment_picture", "蒸留塔"),
    "policy": ("policy_package", "奨学金"),
    "localisation": ("policy", "地産地消"),
}
"""A word in one item of each of the six description items, found nowhere else."""
SEARCHED_NUMBER = company_number(4321)


def _searchable(where: str, word: str, label: str) -> Any:
    return pytest.param(word, label, id=where)


def _item_label(section: str, item: str) -> str:
    """The item's place as the plan defines it: the section's heading and the item's name."""
    items = SECTION_MODELS[PlanType.B].model_fields[section].annotation.model_fields  # type: ignore[union-attr]
    return f"{HEADINGS[PlanType.B][section]} {items[item].description}"


EVERY_PLACE = [
    *(
        _searchable(section, word, _item_label(section, item))
        for section, (item, word) in SECTION_WORDS.items()
    ),
    _searchable("own_kgi", "観光消費額", "KGI名"),
    _searchable("renamed_mandatory_kgi", "ものづくり", "KGI名"),
    _searchable("kpi", "商談会", "KPI名"),
    _searchable("company_name", "椿工房", "核となる企業"),
    _searchable("corporate_number", SEARCHED_NUMBER, "核となる企業の法人番号"),
]


async def _plan_holding_every_word(ctx: PlansContext, headers: Headers) -> dict[str, Any]:
    """A complete B plan whose words above sit each in one place only: a section's item, an own
    KGI's name, a mandatory KGI's name as its authors reworded it, a KPI's name, a core company's
    name and 法人番号."""
    plan = await complete(ctx.client, headers, await create(ctx.client, headers, title="菊池計画"))
    sections = {heading: dict(items) for heading, items in SECTIONS_B.items()}
    for heading, (item, word) in SECTION_WORDS.items():
        sections[heading][item] = f"{word}に関する取組を進める"
    plan = await write(ctx.client, headers, plan, "PATCH", "", {"sections": sections})
    kgis = [
        {**k, "name": "熊本ものづくり付加価値額"} if k["kind"] == "value_added" else k
        for k in kgis_for("B")
    ]
    own = {**kgis[0], "key": "own-1", "kind": "own", "name": "観光消費額", "unit": "億円"}
    plan = await write(ctx.client, headers, plan, "PUT", "/kgis", [*kgis, own])
    kpis = [{**kpis_for()[0], "name": "商談会の開催回数"}]
    plan = await write(ctx.client, headers, plan, "PUT", "/kpis", kpis)
    company = {
        **companies_for("B")[0],
        "corporate_number": SEARCHED_NUMBER,
        "name": "肥後椿工房（サンプル）",
    }
    return await write(ctx.client, headers, plan, "PUT", "/core-companies", [company])


@pytest.mark.parametrize(("word", "label"), EVERY_PLACE)
async def test_every_searchable_place_finds_the_plan(
    ctx: PlansContext, word: str, label: str
) -> None:
    """Each of the six description items, a KGI's name (its own or a mandatory one reworded), a
    KPI's name, a core company's name and 法人番号: a word found only there finds the plan, and
    the snippet names the place."""
    pref = ctx.tokens.prefecture(KUMAMOTO, "editor")
    await complete(ctx.client, pref, await create(ctx.client, pref, title="阿蘇計画"))
    await _plan_holding_every_word(ctx, pref)
    page = await search(ctx, pref, word)
    assert titles(page) == ["菊池計画"]
    assert page["items"][0]["snippets"][0]["label"] == label
