"""Plain factory functions for scoring-api test data (through the API, as a user would)."""

from __future__ import annotations

from typing import Any

import httpx

from chiiki_common.validators import make_corporate_number

KUMAMOTO = "430005"
FUKUOKA = "400009"


def corporate_number(n: int) -> str:
    return make_corporate_number(f"{n:012d}")


async def create_company(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    n: int,
    *,
    prefecture: str = "43",
    employees: int | None = 100,
    **extra: Any,
) -> str:
    number = corporate_number(n)
    body = {
        "corporate_number": number,
        "name": f"テスト企業{n}(サンプル)",
        "hq_prefecture": prefecture,
        "employees": employees,
        **extra,
    }
    response = await client.post("/api/scoring/companies", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return number


async def put_figures(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    number: str,
    fiscal_year: int = 2024,
    *,
    sales: int,
    out: int,
    purchases: int,
    inside: int,
) -> httpx.Response:
    return await client.put(
        f"/api/scoring/companies/{number}/figures/{fiscal_year}",
        json={
            "sales": sales,
            "out_of_prefecture_sales": out,
            "purchases": purchases,
            "in_prefecture_purchases": inside,
        },
        headers=headers,
    )
