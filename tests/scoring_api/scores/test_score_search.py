"""The score list finds companies as the company list does (name in its variants, 法人番号 or its
first digits) and keeps each company's rank within the whole prefecture."""

from __future__ import annotations

import httpx

from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import FUKUOKA, KUMAMOTO, create_company, put_figures


async def _scores(
    client: httpx.AsyncClient, headers: dict[str, str], q: str
) -> list[tuple[str, int | None]]:
    response = await client.get(
        "/api/scoring/scores", params={"fiscal_year": 2024, "q": q}, headers=headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["total"] == len(body["items"])
    return [(s["name"], s["connector_share"]["rank"]) for s in body["items"]]


async def test_the_scores_are_searched_by_name_and_number_with_the_prefectures_ranks(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    names = ["球磨ショウチュウ醸造(サンプル)", "肥後半導体(サンプル)", "天草水産(サンプル)"]
    numbers = []
    for n, name in enumerate(names, start=1):
        numbers.append(await create_company(client, editor, n, name=name))
        figures = await put_figures(
            client, editor, numbers[-1], sales=100, out=90 - 20 * n, purchases=100, inside=10
        )
        assert figures.status_code == 200, figures.text
    for q in ("しょうちゅう", "ｼｮｳﾁｭｳ", numbers[0], numbers[0][:9]):
        assert await _scores(client, editor, q) == [(names[0], 1)], q
    assert await _scores(client, editor, "天草") == [(names[2], 3)]
    assert await _scores(client, editor, "焼酎") == []
    assert await _scores(client, tokens.prefecture(FUKUOKA, "editor"), "天草") == []
    refused = await client.get(
        "/api/scoring/scores", params={"fiscal_year": 2024, "q": "!!"}, headers=editor
    )
    assert refused.status_code == 422
