"""Companies found by name (width and kana variants, two characters) and by 法人番号 (in full or
its first digits), within what the caller may see; the name's search form follows a rename."""

from __future__ import annotations

import httpx
from sqlalchemy import text

from chiiki_common import clock
from chiiki_common.db import create_engine
from chiiki_common.migrations import upgrade
from scoring_api import MIGRATIONS
from tests.fixtures.auth import TokenFactory
from tests.fixtures.databases import DatabaseFactory
from tests.scoring_api.factories import FUKUOKA, KUMAMOTO, corporate_number, create_company


async def found(client: httpx.AsyncClient, headers: dict[str, str], q: str) -> list[str]:
    response = await client.get("/api/scoring/companies", params={"q": q}, headers=headers)
    assert response.status_code == 200, response.text
    return [company["name"] for company in response.json()["items"]]


async def test_a_name_is_found_by_two_characters_and_by_its_variants(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    await create_company(client, editor, 1, name="球磨ショウチュウ醸造(サンプル)")
    await create_company(client, editor, 2, name="ＡＢＣ精密株式会社(サンプル)")
    await create_company(client, editor, 3, name="肥後半導体(サンプル)")
    for q in ("醸造", "ｼｮｳﾁｭｳ", "しょうちゅう", "ショウ チュウ"):
        assert await found(client, editor, q) == ["球磨ショウチュウ醸造(サンプル)"], q
    for q in ("abc", "ABC精密", "ａｂｃ"):
        assert await found(client, editor, q) == ["ＡＢＣ精密株式会社(サンプル)"], q
    assert await found(client, editor, "半導") == ["肥後半導体(サンプル)"]
    assert await found(client, editor, "焼酎") == []


async def test_a_corporate_number_is_found_in_full_or_by_its_first_digits(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    number = await create_company(client, editor, 987654, name="番号検索(サンプル)")
    await create_company(client, editor, 5, name="別の会社(サンプル)")
    assert await found(client, editor, number) == ["番号検索(サンプル)"]
    assert await found(client, editor, number[:9]) == ["番号検索(サンプル)"]
    wide = "".join(chr(ord(d) + 0xFEE0) for d in number)
    assert await found(client, editor, wide) == ["番号検索(サンプル)"]
    assert await found(client, editor, number[4:11]) == []


async def test_a_renamed_company_is_found_by_its_new_name_only(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    number = await create_company(client, editor, 6, name="旧名酒造(サンプル)")
    response = await client.put(
        f"/api/scoring/companies/{number}",
        json={"name": "新名酒造(サンプル)", "hq_prefecture": "43"},
        headers=editor,
    )
    assert response.status_code == 200
    assert await found(client, editor, "旧名") == []
    assert await found(client, editor, "新名") == ["新名酒造(サンプル)"]


async def test_a_prefecture_never_finds_another_prefectures_company(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    kumamoto = tokens.prefecture(KUMAMOTO, "editor")
    fukuoka = tokens.prefecture(FUKUOKA, "editor")
    await create_company(client, kumamoto, 7, name="熊本焼酎(サンプル)")
    await create_company(client, fukuoka, 8, prefecture="40", name="福岡焼酎(サンプル)")
    assert await found(client, kumamoto, "焼酎") == ["熊本焼酎(サンプル)"]
    assert await found(client, fukuoka, "焼酎") == ["福岡焼酎(サンプル)"]
    assert sorted(await found(client, tokens.national("reviewer"), "焼酎")) == [
        "熊本焼酎(サンプル)",
        "福岡焼酎(サンプル)",
    ]


async def test_a_name_starting_with_the_query_comes_first(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    await create_company(client, editor, 9, name="肥後焼酎(サンプル)")
    await create_company(client, editor, 10, name="焼酎工房(サンプル)")
    assert await found(client, editor, "焼酎") == ["焼酎工房(サンプル)", "肥後焼酎(サンプル)"]


async def test_a_query_with_nothing_to_search_is_refused_on_q(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    await create_company(client, editor, 11)
    for q in ("、、", "　", "焼酎\u0085", "あ" * 101):
        response = await client.get("/api/scoring/companies", params={"q": q}, headers=editor)
        assert response.status_code == 422, q
        assert response.json()["title"] == "検索語を確認してください"
        assert [e["field"] for e in response.json()["errors"]] == ["q"]
    every = await client.get("/api/scoring/companies", params={"q": ""}, headers=editor)
    assert every.json()["total"] == 1


async def test_companies_registered_before_the_search_column_are_found(
    backend: str, database_factory: DatabaseFactory
) -> None:
    url = database_factory.empty(backend, "scoring_api")
    upgrade(MIGRATIONS, url, "c3f0c0de0003")
    engine = create_engine(url)
    at = clock.now().replace(tzinfo=None) if backend == "sqlite" else clock.now()
    async with engine.begin() as connection:
        await connection.execute(
            text(
                "INSERT INTO companies (corporate_number, name, hq_prefecture, created_at,"
                " updated_at) VALUES (:n, 'ｼｮｳﾁｭｳ蔵(サンプル)', '43', :at, :at)"
            ),
            {"n": corporate_number(12), "at": at},
        )
    upgrade(MIGRATIONS, url)
    async with engine.connect() as connection:
        normalised = await connection.scalar(text("SELECT name_normalised FROM companies"))
    await engine.dispose()
    assert normalised == "しょうちゅう蔵さんぷる"
