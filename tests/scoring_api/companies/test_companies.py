"""Companies and their 様式2 figures: valid 法人番号, own prefecture only, impossible figures
refused with the field named."""

from __future__ import annotations

import httpx

from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import KUMAMOTO, corporate_number, create_company, put_figures


async def test_company_with_wrong_check_digit_is_refused(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    good = corporate_number(7)
    bad = str((int(good[0]) % 9) + 1) + good[1:]
    response = await client.post(
        "/api/scoring/companies",
        json={"corporate_number": bad, "name": "誤り(サンプル)", "hq_prefecture": "43"},
        headers=tokens.prefecture(KUMAMOTO, "editor"),
    )
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["corporate_number"]


async def test_prefecture_registers_only_companies_headquartered_in_it(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    response = await client.post(
        "/api/scoring/companies",
        json={
            "corporate_number": corporate_number(8),
            "name": "福岡(サンプル)",
            "hq_prefecture": "40",
        },
        headers=tokens.prefecture(KUMAMOTO, "editor"),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "hq_prefecture"


async def test_company_registered_twice_conflicts(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    await create_company(client, editor, 1)
    response = await client.post(
        "/api/scoring/companies",
        json={
            "corporate_number": corporate_number(1),
            "name": "再登録(サンプル)",
            "hq_prefecture": "43",
        },
        headers=editor,
    )
    assert response.status_code == 409


async def test_viewer_cannot_write_and_update_keeps_the_prefecture(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    number = await create_company(client, editor, 2)
    viewer_put = await client.put(
        f"/api/scoring/companies/{number}",
        json={"name": "改名(サンプル)", "hq_prefecture": "43"},
        headers=tokens.prefecture(KUMAMOTO, "viewer"),
    )
    assert viewer_put.status_code == 403
    updated = await client.put(
        f"/api/scoring/companies/{number}",
        json={"name": "改名(サンプル)", "hq_prefecture": "43", "employees": 250, "jsic_major": "E"},
        headers=editor,
    )
    assert updated.status_code == 200
    assert updated.json()["employees"] == 250
    listed = await client.get("/api/scoring/companies", params={"q": "改名"}, headers=editor)
    assert [c["corporate_number"] for c in listed.json()["items"]] == [number]


async def test_part_larger_than_whole_is_refused_with_both_fields_named(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    number = await create_company(client, editor, 3)
    response = await put_figures(
        client, editor, number, sales=100, out=150, purchases=50, inside=60
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {
        "out_of_prefecture_sales",
        "in_prefecture_purchases",
    }
    assert (
        await client.get(f"/api/scoring/companies/{number}/figures", headers=editor)
    ).json() == []


async def test_negative_figures_are_refused(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    number = await create_company(client, editor, 4)
    response = await put_figures(client, editor, number, sales=-1, out=0, purchases=0, inside=0)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["sales"]


async def test_figures_are_stored_and_replaced_per_fiscal_year(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    number = await create_company(client, editor, 5)
    assert (
        await put_figures(client, editor, number, 2023, sales=10, out=1, purchases=5, inside=2)
    ).status_code == 200
    assert (
        await put_figures(client, editor, number, 2024, sales=20, out=2, purchases=5, inside=2)
    ).status_code == 200
    replaced = await put_figures(
        client, editor, number, 2024, sales=30, out=3, purchases=6, inside=3
    )
    assert replaced.json()["sales"] == 30
    figures = (await client.get(f"/api/scoring/companies/{number}/figures", headers=editor)).json()
    assert [(f["fiscal_year"], f["sales"]) for f in figures] == [(2023, 10), (2024, 30)]
    deleted = await client.delete(f"/api/scoring/companies/{number}/figures/2023", headers=editor)
    assert deleted.status_code == 204
    figures = (await client.get(f"/api/scoring/companies/{number}/figures", headers=editor)).json()
    assert [f["fiscal_year"] for f in figures] == [2024]


async def test_deleting_a_company_removes_it(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    number = await create_company(client, editor, 6)
    await put_figures(client, editor, number, sales=10, out=1, purchases=5, inside=2)
    assert (
        await client.delete(f"/api/scoring/companies/{number}", headers=editor)
    ).status_code == 204
    assert (await client.get(f"/api/scoring/companies/{number}", headers=editor)).status_code == 404
