"""A second transaction list of a fiscal year replaces every figure derived from the first: a company
the new list no longer names has no derived figures of that year and leaves the prefecture's totals,
and every degree equals the one computed from the new list alone."""

from __future__ import annotations

import random
from collections import defaultdict

import httpx
import pytest

from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import KUMAMOTO, corporate_number, create_company, put_figures

HEADER = "売り手法人番号,売り手本社都道府県,買い手法人番号,買い手本社都道府県,取引額,事業年度"
Row = tuple[str, str, str, str, int, int]


def _csv(rows: list[Row]) -> bytes:
    lines = [HEADER, *(",".join(str(v) for v in row) for row in rows)]
    return ("\n".join(lines) + "\n").encode()


def _random_list(
    rng: random.Random, inside: list[str], outside: list[str], year: int, count: int
) -> list[Row]:
    """Transactions among Kumamoto companies and with Fukuoka ones, every pair of directions."""
    rows: list[Row] = []
    while len(rows) < count:
        seller = rng.choice(inside + outside)
        buyer = rng.choice(inside + outside)
        if seller == buyer or (seller in outside and buyer in outside):
            continue
        rows.append(
            (
                seller,
                "43" if seller in inside else "40",
                buyer,
                "43" if buyer in inside else "40",
                rng.randrange(1, 10_000) * 1_000,
                year,
            )
        )
    return rows


def _expected_figures(rows: list[Row], registered: set[str]) -> dict[str, list[int]]:
    """The 様式2 figures from the list alone (seed 003 ※1, ※2), written out independently."""
    figures: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for seller, seller_pref, buyer, buyer_pref, amount, _ in rows:
        if seller in registered:
            figures[seller][0] += amount
            if buyer_pref != seller_pref:
                figures[seller][1] += amount
        if buyer in registered:
            figures[buyer][2] += amount
            if seller_pref == buyer_pref:
                figures[buyer][3] += amount
    return dict(figures)


def _ratio(part: int, whole: int) -> object:
    """The company ratio (seed 003 ※3, ※4), undefined without a whole."""
    return pytest.approx(part / whole) if whole else None


async def _import(
    client: httpx.AsyncClient, headers: dict[str, str], rows: list[Row]
) -> dict[str, object]:
    response = await client.post(
        "/api/scoring/transactions/import",
        files={"file": ("tx.csv", _csv(rows))},
        headers=headers,
    )
    assert response.status_code == 200, response.text
    result: dict[str, object] = response.json()
    return result


async def _figures(
    client: httpx.AsyncClient, headers: dict[str, str], number: str
) -> dict[int, list[int]]:
    rows = (await client.get(f"/api/scoring/companies/{number}/figures", headers=headers)).json()
    return {
        r["fiscal_year"]: [
            r["sales"],
            r["out_of_prefecture_sales"],
            r["purchases"],
            r["in_prefecture_purchases"],
        ]
        for r in rows
    }


async def test_second_import_leaves_only_the_new_lists_figures_and_degrees(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    a, b, c, d, e = [await create_company(client, editor, n) for n in range(1, 6)]
    fukuoka = [corporate_number(500 + n) for n in range(3)]
    rng = random.Random(12)
    first = _random_list(rng, [a, b, c, d], fukuoka, 2024, 60)
    first_2023 = _random_list(rng, [c, d], fukuoka, 2023, 10)
    await _import(client, editor, first + first_2023)
    assert set(await _figures(client, editor, c)) == {2023, 2024}

    second = _random_list(rng, [a, b, e], fukuoka, 2024, 40)
    result = await _import(client, editor, second)

    expected = _expected_figures(second, {a, b, c, d, e})
    assert set(expected) == {a, b, e}
    assert result["companies_derived"] == 3
    for number in (a, b, e):
        assert (await _figures(client, editor, number))[2024] == expected[number]
    # absent from the new list: nothing derived for 2024 any more, other years untouched
    for number in (c, d):
        figures = await _figures(client, editor, number)
        assert 2024 not in figures
        assert figures[2023] == _expected_figures(first_2023, {c, d})[number]
        scores = (
            await client.get(f"/api/scoring/companies/{number}/scores", headers=editor)
        ).json()
        assert [s["fiscal_year"] for s in scores] == [2023]

    total_out = sum(f[1] for f in expected.values())
    total_in = sum(f[3] for f in expected.values())
    listing = (
        await client.get(
            "/api/scoring/scores", params={"fiscal_year": 2024, "limit": 100}, headers=editor
        )
    ).json()
    assert {s["corporate_number"] for s in listing["items"]} == {a, b, e}
    for score in listing["items"]:
        sales, out, purchases, inside = expected[score["corporate_number"]]
        assert score["companies_counted"] == 3
        assert score["connector_share"]["value"] == pytest.approx(out / total_out)
        assert score["hub_share"]["value"] == pytest.approx(inside / total_in)
        assert score["connector_ratio"]["value"] == _ratio(out, sales)
        assert score["hub_ratio"]["value"] == _ratio(inside, purchases)
    explanation = (
        await client.get(f"/api/scoring/companies/{a}/scores/2024/explanation", headers=editor)
    ).json()
    assert {m["name"]: m["denominator"] for m in explanation["metrics"]}["connector_share"] == (
        total_out
    )
    assert {x["corporate_number"] for x in explanation["counted_companies"]} == {a, b, e}


async def test_figures_entered_by_hand_stay_when_a_new_list_does_not_name_the_company(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    a, b, typed = [await create_company(client, editor, n) for n in range(1, 4)]
    outsider = corporate_number(500)
    response = await put_figures(
        client, editor, typed, 2024, sales=1_000, out=600, purchases=500, inside=100
    )
    assert response.status_code == 200
    await _import(client, editor, [(a, "43", outsider, "40", 300, 2024)])
    await _import(client, editor, [(b, "43", outsider, "40", 100, 2024)])
    assert await _figures(client, editor, typed) == {2024: [1_000, 600, 500, 100]}
    assert await _figures(client, editor, a) == {}
    scores = (
        await client.get("/api/scoring/scores", params={"fiscal_year": 2024}, headers=editor)
    ).json()
    shares = {s["corporate_number"]: s["connector_share"]["value"] for s in scores["items"]}
    assert shares == {typed: pytest.approx(600 / 700), b: pytest.approx(100 / 700)}
