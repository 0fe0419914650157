"""Both definitions of connector / hub degree, rank, percentile and 偏差値 within the prefecture,
recomputed when figures change, and the explanation of a score."""

from __future__ import annotations

import statistics

import httpx
import pytest

from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import FUKUOKA, KUMAMOTO, create_company, put_figures

FIGURES = {
    # n: (sales, out-of-prefecture sales, purchases, in-prefecture purchases)
    1: (1_000, 600, 500, 100),
    2: (2_000, 300, 800, 600),
    3: (500, 100, 200, 200),
}


async def _kumamoto_with_three(client: httpx.AsyncClient, tokens: TokenFactory) -> dict[int, str]:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    numbers = {}
    for n, (sales, out, purchases, inside) in FIGURES.items():
        numbers[n] = await create_company(client, editor, n)
        response = await put_figures(
            client, editor, numbers[n], sales=sales, out=out, purchases=purchases, inside=inside
        )
        assert response.status_code == 200
    return numbers


def _deviation(values: list[float], value: float) -> float:
    return 50 + 10 * (value - statistics.fmean(values)) / statistics.pstdev(values)


async def test_both_definitions_with_rank_percentile_and_deviation(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    numbers = await _kumamoto_with_three(client, tokens)
    response = await client.get(
        "/api/scoring/scores",
        params={"fiscal_year": 2024},
        headers=tokens.prefecture(KUMAMOTO, "viewer"),
    )
    assert response.status_code == 200
    body = response.json()
    assert body["total"] == 3
    by_number = {item["corporate_number"]: item for item in body["items"]}
    first = by_number[numbers[1]]
    # national: 600 of the prefecture's 1,000 out-of-prefecture sales; 100 of 900 in-prefecture purchases
    assert first["connector_share"]["value"] == pytest.approx(0.6)
    assert first["connector_share"]["definition"] == "national_share"
    assert first["hub_share"]["value"] == pytest.approx(100 / 900)
    # Kumamoto's form: 600 of its own 1,000 sales; 100 of its own 500 purchases
    assert first["connector_ratio"]["value"] == pytest.approx(0.6)
    assert first["connector_ratio"]["definition"] == "company_ratio"
    assert first["hub_ratio"]["value"] == pytest.approx(0.2)
    assert first["connector_share"]["rank"] == 1
    assert first["connector_share"]["percentile"] == pytest.approx(100.0)
    assert by_number[numbers[3]]["connector_share"]["rank"] == 3
    assert by_number[numbers[3]]["connector_share"]["percentile"] == pytest.approx(100 / 3)
    assert by_number[numbers[3]]["hub_ratio"]["rank"] == 1  # 200 of 200 bought inside
    shares = [0.6, 0.3, 0.1]
    assert first["connector_share"]["deviation"] == pytest.approx(_deviation(shares, 0.6))
    assert [item["corporate_number"] for item in body["items"]] == [
        numbers[1],
        numbers[2],
        numbers[3],
    ]


async def test_scores_are_recomputed_when_figures_change(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    numbers = await _kumamoto_with_three(client, tokens)
    editor = tokens.prefecture(KUMAMOTO, "editor")
    await put_figures(client, editor, numbers[3], sales=5_000, out=4_000, purchases=200, inside=200)
    scores = (
        await client.get(f"/api/scoring/companies/{numbers[1]}/scores", headers=editor)
    ).json()
    assert scores[0]["connector_share"]["value"] == pytest.approx(600 / 4_900)
    assert scores[0]["connector_share"]["rank"] == 2


async def test_ties_share_a_rank_and_equal_values_are_deviation_50(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    for n in (1, 2):
        number = await create_company(client, editor, n)
        await put_figures(client, editor, number, sales=100, out=50, purchases=10, inside=5)
    items = (
        await client.get("/api/scoring/scores", params={"fiscal_year": 2024}, headers=editor)
    ).json()["items"]
    assert [i["connector_share"]["rank"] for i in items] == [1, 1]
    assert [i["connector_share"]["deviation"] for i in items] == [50.0, 50.0]


async def test_zero_denominator_leaves_the_value_undefined(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    number = await create_company(client, editor, 1)
    await put_figures(client, editor, number, sales=100, out=0, purchases=0, inside=0)
    score = (await client.get(f"/api/scoring/companies/{number}/scores", headers=editor)).json()[0]
    assert score["hub_ratio"]["value"] is None
    assert score["hub_ratio"]["rank"] is None
    assert score["connector_ratio"]["value"] == 0.0


async def test_each_prefecture_is_ranked_on_its_own(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    await _kumamoto_with_three(client, tokens)
    fukuoka = tokens.prefecture(FUKUOKA, "editor")
    number = await create_company(client, fukuoka, 50, prefecture="40")
    await put_figures(client, fukuoka, number, sales=10, out=1, purchases=10, inside=1)
    mine = (await client.get(f"/api/scoring/companies/{number}/scores", headers=fukuoka)).json()[0]
    assert mine["connector_share"]["value"] == 1.0
    assert mine["companies_counted"] == 1
    national = await client.get(
        "/api/scoring/scores",
        params={"fiscal_year": 2024},
        headers=tokens.national("reviewer", org="meti"),
    )
    assert national.json()["total"] == 4
    fukuoka_view = await client.get(
        "/api/scoring/scores", params={"fiscal_year": 2024}, headers=fukuoka
    )
    assert [i["corporate_number"] for i in fukuoka_view.json()["items"]] == [number]


async def test_explanation_names_numerator_denominator_and_counted_companies(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    numbers = await _kumamoto_with_three(client, tokens)
    response = await client.get(
        f"/api/scoring/companies/{numbers[2]}/scores/2024/explanation",
        headers=tokens.national("reviewer", org="meti"),
    )
    assert response.status_code == 200
    body = response.json()
    metrics = {m["name"]: m for m in body["metrics"]}
    assert (metrics["connector_share"]["numerator"], metrics["connector_share"]["denominator"]) == (
        300,
        1_000,
    )
    assert (metrics["hub_ratio"]["numerator"], metrics["hub_ratio"]["denominator"]) == (600, 800)
    assert metrics["connector_share"]["numerator_label"] == "企業の域外販売額"
    assert {c["corporate_number"] for c in body["counted_companies"]} == set(numbers.values())
    missing = await client.get(
        f"/api/scoring/companies/{numbers[2]}/scores/2019/explanation",
        headers=tokens.national("reviewer", org="meti"),
    )
    assert missing.status_code == 404


async def test_each_fiscal_year_is_scored_on_its_own(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    a, b = await create_company(client, editor, 1), await create_company(client, editor, 2)
    await put_figures(client, editor, a, 2023, sales=100, out=80, purchases=10, inside=5)
    await put_figures(client, editor, b, 2023, sales=100, out=20, purchases=10, inside=5)
    await put_figures(client, editor, a, 2024, sales=100, out=10, purchases=10, inside=5)
    scores = (await client.get(f"/api/scoring/companies/{a}/scores", headers=editor)).json()
    assert [(s["fiscal_year"], s["connector_share"]["value"]) for s in scores] == [
        (2023, 0.8),
        (2024, 1.0),
    ]
    await client.delete(f"/api/scoring/companies/{a}/figures/2024", headers=editor)
    scores = (await client.get(f"/api/scoring/companies/{a}/scores", headers=editor)).json()
    assert [s["fiscal_year"] for s in scores] == [2023]
