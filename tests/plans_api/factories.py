"""Plain functions that build plans through the API, as a user would."""

from __future__ import annotations

from typing import Any

import httpx

from chiiki_common import clock
from chiiki_common.validators import make_corporate_number

Headers = dict[str, str]

KUMAMOTO = "430005"
KUMAMOTO_CITY = "431001"
KIKUYO = "434043"
FUKUOKA = "400009"


def company_number(n: int) -> str:
    return make_corporate_number(f"{n:012d}")


SECTIONS_B = {
    "industry": {"reason": "半導体製造装置の集積"},
    "area": {"core_area": "菊陽町周辺", "reason": "工場の集積"},
    "present_and_goals": {
        "present_state": "現状",
        "basis": "県民経済計算",
        "verification": "毎年検証",
    },
    "path": {"basic_strategy": "勝ち筋", "investment_picture": "投資", "regional_impact": "波及"},
    "policy": {"issues": "人材不足", "policy_package": "人材育成"},
    "localisation": {"policy": "地元調達"},
}
SECTIONS_C = {
    "field": {"crops_varieties": "いちご", "reason": "特産"},
    "area": {"core_area": "市内全域", "reason": "産地"},
    "present_and_goals": {"present_state": "現状", "basis": "統計", "verification": "毎年"},
    "path": {"basic_strategy": "戦略", "initiatives": "取組", "regional_impact": "波及"},
    "policy": {"issues": "課題", "policy_package": "政策", "support_mechanism": "仕組み"},
    "localisation": {"policy": "方針"},
}
COMMITMENT_B = {
    "departments": ["商工労働部 産業振興課"],
    "staff": "専任3名",
    "frequency": "月1回",
    "support_fields": "経営計画の策定、AIを活用した合理化",
    "measures": "企業ごとの担当職員による訪問と支援機関へのつなぎ",
    "financial_institutions": ["肥後銀行(サンプル)"],
}
COMMITMENT_C = {"department": "経済観光局 農業政策課"}


def kgis_for(plan_type: str) -> list[dict[str, Any]]:
    kinds = (
        ["capex_target_year", "capex_cumulative", "value_added", "human_resources"]
        if plan_type == "B"
        else ["value_added"]
    )
    return [
        {
            "key": kind,
            "kind": kind,
            "name": kind,
            "unit": "億円",
            "baseline": 10.0,
            "baseline_year": 2026,
            "target": 100.0 + i,
            "target_year": 2035,
            "basis": "積み上げ",
        }
        for i, kind in enumerate(kinds)
    ]


def kpis_for(kgi_key: str = "value_added") -> list[dict[str, Any]]:
    return [
        {
            "key": "kpi-1",
            "name": "支援件数",
            "unit": "件",
            "baseline": 0,
            "targets": [{"period": "2026H2", "value": 10}, {"period": "2027H1", "value": 20}],
            "withdrawal": {"comparator": "lt", "threshold": 5, "text": "半期で5件未満なら見直す"},
            "five_w1h": {
                "why": "意義",
                "what": "中身",
                "deadline": "2030年度",
                "department": "産業振興課",
                "forum": "推進会議",
                "how": "伴走",
            },
            "kgi_key": kgi_key,
        }
    ]


def companies_for(plan_type: str, start: int = 1) -> list[dict[str, Any]]:
    return [
        {
            "corporate_number": company_number(start),
            "name": f"サンプル製作所{start}（サンプル）",
            "role": "前工程の装置部品",
            "scale": "従業員300名",
        }
    ]


async def create(
    client: httpx.AsyncClient, headers: Headers, plan_type: str = "B", **body: Any
) -> dict[str, Any]:
    payload = {
        "plan_type": plan_type,
        "title": body.pop("title", f"テスト計画{plan_type}"),
        "period_start_fy": 2026,
        "goal_fiscal_year": 2035,
        **body,
    }
    response = await client.post("/api/plans", json=payload, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def write(
    client: httpx.AsyncClient,
    headers: Headers,
    plan: dict[str, Any],
    method: str,
    path: str,
    body: Any,
) -> dict[str, Any]:
    response = await client.request(
        method,
        f"/api/plans/{plan['id']}{path}",
        json=body,
        headers={**headers, "If-Match": f'"{plan["version"]}"'},
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def complete(
    client: httpx.AsyncClient, headers: Headers, plan: dict[str, Any]
) -> dict[str, Any]:
    """Fill every required item so the plan passes validation."""
    plan_type = plan["plan_type"]
    numbers = range(1, 8) if plan_type == "B" else range(1, 7)
    plan = await write(
        client,
        headers,
        plan,
        "PATCH",
        "",
        {
            "jsic_codes": ["E28"],
            "strategic_fields": ["ai_semiconductor"],
            "sections": SECTIONS_B if plan_type == "B" else SECTIONS_C,
            "commitment": COMMITMENT_B if plan_type == "B" else COMMITMENT_C,
            "requirement_statements": {str(n): f"要件{n}の充足状況" for n in numbers},
        },
    )
    plan = await write(client, headers, plan, "PUT", "/kgis", kgis_for(plan_type))
    plan = await write(client, headers, plan, "PUT", "/kpis", kpis_for())
    return await write(client, headers, plan, "PUT", "/core-companies", companies_for(plan_type))


async def act(
    client: httpx.AsyncClient,
    headers: Headers,
    plan: dict[str, Any],
    action: str,
    expect: int = 200,
    **body: Any,
) -> dict[str, Any]:
    response = await client.post(
        f"/api/plans/{plan['id']}/transitions",
        json={"action": action, **body},
        headers={**headers, "If-Match": f'"{plan["version"]}"'},
    )
    assert response.status_code == expect, response.text
    return response.json()  # type: ignore[no-any-return]


PREFECTURAL_PATH = [
    "request_precheck",
    "start_review",
    "complete_precheck",
    "announce",
    "submit",
    "publish",
]
ANNOUNCEMENT_URL = "https://www.pref.example.jp/plan"


def announcement() -> dict[str, str]:
    """An announcement made today (JST, on the platform clock): on or after the completion day."""
    return {
        "announcement_date": clock.today_jst().isoformat(),
        "announcement_url": ANNOUNCEMENT_URL,
    }


async def drive(
    client: httpx.AsyncClient,
    tokens: Any,
    plan: dict[str, Any],
    until: str,
) -> dict[str, Any]:
    """Take a prefecture-led plan through the workflow up to (and including) action ``until``."""
    lead = tokens.headers(tier="prefecture", org=plan["lead_organisation"], roles=["approver"])
    actors = {
        "request_precheck": lead,
        "start_review": tokens.national("reviewer"),
        "complete_precheck": tokens.national("reviewer"),
        "announce": lead,
        "submit": lead,
        "publish": tokens.national("publisher"),
    }
    for action in PREFECTURAL_PATH:
        extra = announcement() if action == "announce" else {}
        plan = await act(client, actors[action], plan, action, **extra)
        if action == until:
            break
    return plan


async def published_plan(
    client: httpx.AsyncClient,
    tokens: Any,
    org: str = KUMAMOTO,
    plan_type: str = "B",
    title: str = "公表計画",
    company: int = 1,
) -> dict[str, Any]:
    headers = tokens.headers(tier="prefecture", org=org, roles=["editor"])
    plan = await complete(client, headers, await create(client, headers, plan_type, title=title))
    plan = await write(
        client, headers, plan, "PUT", "/core-companies", companies_for(plan_type, company)
    )
    return await drive(client, tokens, plan, "publish")


async def name_in_directory(database_url: str, code: str, name: str) -> None:
    """Give ``code`` the name the gateway's directory would, as plans-api's directory sync keeps
    it (``plans_api.directory``)."""
    from chiiki_common import clock
    from chiiki_common.db import create_engine, session_factory
    from plans_api.directory import repository as directory

    engine = create_engine(database_url)
    try:
        async with session_factory(engine)() as session, session.begin():
            await directory.replace_all(
                session,
                [{"code": code, "name": name, "kind": "town_village", "prefecture": code[:2]}],
                clock.now(),
            )
    finally:
        await engine.dispose()
