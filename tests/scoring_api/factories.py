"""Plain factory functions for scoring-api test data (through the API, as a user would)."""

from __future__ import annotations

import asyncio
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


def application_body(n: int, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "corporate_number": corporate_number(n),
        "company_name": f"応募企業{n}(サンプル)",
        "hq_address": "熊本県熊本市中央区水前寺6丁目18-1",
        "business_summary": "半導体製造装置向け精密部品の製造",
        "employees": 350,
        "employees_as_of": "2026年4月時点",
        "current_sales": 4_500_000_000,
        "current_sales_period": "2026年3月期",
        "web": "https://example.jp/",
        "philosophy": "技術で地域と世界をつなぐ",
        "present_state": "県外の装置メーカー向け販売が7割",
        "strategy": "県内サプライヤーとの共同開発",
        "investment_picture": "新工場に30億円",
        "regional_impact": "県内調達を2倍に",
        "vision": "九州の半導体クラスターの中核",
        "fiscal_period": "2026-03",
        "sales": 4_500_000_000,
        "out_of_prefecture_sales": 3_150_000_000,
        "purchases": 2_000_000_000,
        "in_prefecture_purchases": 900_000_000,
        "consents": ["accompanying_support", "executive_network"],
    }
    body.update(overrides)
    return body


async def open_kumamoto_call(
    client: httpx.AsyncClient, headers: dict[str, str], **overrides: Any
) -> dict[str, Any]:
    from scoring_api.calls.kumamoto import KUMAMOTO_CALL

    response = await client.post(
        "/api/scoring/calls", json={**KUMAMOTO_CALL, **overrides}, headers=headers
    )
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


async def events(
    client: httpx.AsyncClient, headers: dict[str, str], event_type: str, expected: int
) -> list[dict[str, Any]]:
    """The feed's events of one type; polls (up to 30 s) because on PostgreSQL the feed holds back
    events while any older transaction of the cluster (other test databases too, and the other
    test processes' work) is in flight."""
    found: list[dict[str, Any]] = []
    for _ in range(300):
        feed = (await client.get("/internal/events", params={"limit": 500}, headers=headers)).json()
        found = [e for e in feed["events"] if e["event_type"] == event_type]
        if len(found) >= expected:
            break
        await asyncio.sleep(0.1)
    return found


PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
REQUIRED_DOCUMENTS = ("form1", "form2", "financial_statements", "brochure")


async def attach_documents(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    application_id: int,
    documents: tuple[str, ...] = REQUIRED_DOCUMENTS,
) -> None:
    """Attach a small PDF for each of ``documents`` (by default every required one)."""
    for document_type in documents:
        response = await client.post(
            f"/api/scoring/applications/{application_id}/attachments",
            files={"file": (f"{document_type}.pdf", PDF, "application/pdf")},
            data={"document_type": document_type},
            headers=headers,
        )
        assert response.status_code == 201, response.text
