"""Bulk import of figures (CSV, xlsx) and of a transaction list: all rows or none, every bad row
reported at once, figures derived from transactions."""

from __future__ import annotations

import io

import httpx
import pytest
from openpyxl import Workbook

from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import KUMAMOTO, corporate_number, create_company


def _csv(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


def _xlsx(rows: list[list[object]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


async def _upload(
    client: httpx.AsyncClient, path: str, name: str, content: bytes, headers: dict[str, str]
) -> httpx.Response:
    return await client.post(
        f"/api/scoring/{path}", files={"file": (name, content)}, headers=headers
    )


async def _figures(
    client: httpx.AsyncClient, number: str, headers: dict[str, str]
) -> list[tuple[int, int, int, int, int]]:
    rows = (await client.get(f"/api/scoring/companies/{number}/figures", headers=headers)).json()
    return [
        (
            r["fiscal_year"],
            r["sales"],
            r["out_of_prefecture_sales"],
            r["purchases"],
            r["in_prefecture_purchases"],
        )
        for r in rows
    ]


async def test_csv_import_with_japanese_headings_stores_every_row_and_scores(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    a, b = await create_company(client, editor, 1), await create_company(client, editor, 2)
    content = _csv(
        [
            "法人番号,事業年度,売上高,域外売上高,仕入高,域内仕入高",
            f'{a},2024,"1,000",400,500,100',
            f"{b},2024,2000,600,800,300",
        ]
    )
    response = await _upload(client, "figures/import", "figures.csv", content, editor)
    assert response.status_code == 200, response.text
    assert response.json() == {"rows": 2, "fiscal_years": [2024]}
    assert await _figures(client, a, editor) == [(2024, 1000, 400, 500, 100)]
    scores = (await client.get(f"/api/scoring/companies/{a}/scores", headers=editor)).json()
    assert scores[0]["connector_share"]["value"] == pytest.approx(0.4)


async def test_bad_rows_are_all_reported_and_nothing_is_stored(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    a = await create_company(client, editor, 1)
    unknown = corporate_number(99)
    content = _xlsx(
        [
            [
                "corporate_number",
                "fiscal_year",
                "sales",
                "out_of_prefecture_sales",
                "purchases",
                "in_prefecture_purchases",
            ],
            [a, 2024, 1000, 400, 500, 100],
            [a, 2023, 100, 400, 500, 100],
            [unknown, 2024, 10, 1, 1, 1],
            [a, 2022, -5, 0, 10, 20],
            [a, 2024, 1000, 400, 500, 100],
        ]
    )
    response = await _upload(client, "figures/import", "figures.xlsx", content, editor)
    assert response.status_code == 422
    fields = {e["field"] for e in response.json()["errors"]}
    assert fields == {
        "rows/3/out_of_prefecture_sales",
        "rows/4/corporate_number",
        "rows/5/sales",
        "rows/6/fiscal_year",
    }
    assert await _figures(client, a, editor) == []


async def test_xlsx_import_reads_numbers_typed_by_excel(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    a = await create_company(client, editor, 1)
    content = _xlsx(
        [
            ["法人番号", "事業年度", "売上高", "うち域外売上高", "仕入高", "うち域内仕入高"],
            [int(a), 2024, 1000.0, 400, 500, 100],
        ]
    )
    response = await _upload(client, "figures/import", "figures.xlsx", content, editor)
    assert response.status_code == 200, response.text
    assert await _figures(client, a, editor) == [(2024, 1000, 400, 500, 100)]


async def test_missing_columns_are_named(client: httpx.AsyncClient, tokens: TokenFactory) -> None:
    response = await _upload(
        client,
        "figures/import",
        "f.csv",
        _csv(["法人番号,事業年度,売上高"]),
        tokens.prefecture(KUMAMOTO, "editor"),
    )
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {
        "columns/out_of_prefecture_sales",
        "columns/purchases",
        "columns/in_prefecture_purchases",
    }


async def test_transaction_list_derives_out_of_prefecture_sales_and_in_prefecture_purchases(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    a, b = await create_company(client, editor, 1), await create_company(client, editor, 2)
    outsider = corporate_number(500)  # a Fukuoka company not registered here
    content = _csv(
        [
            "売り手法人番号,売り手本社都道府県,買い手法人番号,買い手本社都道府県,取引額,事業年度",
            f"{a},43,{outsider},40,700,2024",  # a sells outside
            f"{a},43,{b},43,300,2024",  # a sells inside, b buys inside
            f"{outsider},40,{a},43,200,2024",  # a buys from outside
            f"{b},43,{a},43,50,2024",  # a buys inside, b sells inside
            f"{b},43,{outsider},40,10,2023",
        ]
    )
    response = await _upload(client, "transactions/import", "tx.csv", content, editor)
    assert response.status_code == 200, response.text
    assert response.json() == {"rows": 5, "fiscal_years": [2023, 2024], "companies_derived": 3}
    assert await _figures(client, a, editor) == [(2024, 1000, 700, 250, 50)]
    assert await _figures(client, b, editor) == [(2023, 10, 10, 0, 0), (2024, 50, 0, 300, 300)]
    # a new list of 2024 replaces the old one and every figure derived from it: b, absent from
    # the new list, keeps no 2024 figures (2023 is another year's list)
    again = _csv(
        [
            "seller_corporate_number,seller_prefecture,buyer_corporate_number,buyer_prefecture,amount,fiscal_year",
            f"{a},43,{outsider},40,100,2024",
        ]
    )
    assert (
        await _upload(client, "transactions/import", "tx.csv", again, editor)
    ).status_code == 200
    assert await _figures(client, a, editor) == [(2024, 100, 100, 0, 0)]
    assert await _figures(client, b, editor) == [(2023, 10, 10, 0, 0)]


async def test_transaction_rows_are_checked_against_registered_prefectures(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    editor = tokens.prefecture(KUMAMOTO, "editor")
    a = await create_company(client, editor, 1)
    x, y = corporate_number(501), corporate_number(502)
    content = _csv(
        [
            "seller_corporate_number,seller_prefecture,buyer_corporate_number,buyer_prefecture,amount,fiscal_year",
            f"{a},40,{x},40,100,2024",
            f"{x},40,{y},13,100,2024",
            f"{a},43,{a},43,100,2024",
            f"{a},43,{x},40,abc,2024",
        ]
    )
    response = await _upload(client, "transactions/import", "tx.csv", content, editor)
    assert response.status_code == 422
    assert {e["field"] for e in response.json()["errors"]} == {
        "rows/2/seller_prefecture",
        "rows/3/seller_prefecture",
        "rows/4/buyer_corporate_number",
        "rows/5/amount",
    }
    assert await _figures(client, a, editor) == []


async def test_only_prefecture_editors_import(
    client: httpx.AsyncClient, tokens: TokenFactory
) -> None:
    content = _csv(["法人番号,事業年度,売上高,域外売上高,仕入高,域内仕入高"])
    for headers in (
        tokens.prefecture(KUMAMOTO, "viewer"),
        tokens.national("reviewer"),
        tokens.municipality(),
    ):
        response = await _upload(client, "figures/import", "f.csv", content, headers)
        assert response.status_code == 403
