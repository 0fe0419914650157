"""What selecting an application needs (seed 003): each required document (様式1, 様式2, the latest
financial statements, the brochure) attached or waived with a recorded reason, and 様式2 figures
of a fiscal year that began in April 2024 or later (「2024年4月以降開始年度」)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import text

from chiiki_common.clock import Clock, jst_wall_clock, set_clock
from chiiki_common.db import create_engine
from scoring_api.calls.kumamoto import KUMAMOTO_CALL
from scoring_api.settings import Settings
from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import (
    KUMAMOTO,
    REQUIRED_DOCUMENTS,
    application_body,
    attach_documents,
    open_kumamoto_call,
)
from tests.scoring_api.plans_fake import PLAN_ID, FakePlans


@pytest.fixture(autouse=True)
def _during_the_window() -> None:
    set_clock(Clock(jst_wall_clock(2026, 5, 20, 10, 0), frozen=True))


async def _count(settings: Settings, table: str) -> int:
    engine = create_engine(settings.database_url)
    async with engine.connect() as connection:
        value = (await connection.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one()
    await engine.dispose()
    return int(value)


async def _application(client: httpx.AsyncClient, tokens: TokenFactory, **body: Any) -> int:
    call = await open_kumamoto_call(
        client, tokens.prefecture(KUMAMOTO, "approver"), plan_id=PLAN_ID
    )
    response = await client.post(
        f"/api/scoring/calls/{call['id']}/applications",
        json=application_body(1, **body),
        headers=tokens.prefecture(KUMAMOTO, "editor"),
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


async def _select(
    client: httpx.AsyncClient, tokens: TokenFactory, application_id: int
) -> httpx.Response:
    return await client.post(
        f"/api/scoring/applications/{application_id}/decisions",
        json={"decision": "selected"},
        headers=tokens.prefecture(KUMAMOTO, "approver"),
    )


async def _waive(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    application_id: int,
    document_type: str,
    reason: str = "パンフレットを作成していないため、会社案内のWebページで確認した",
) -> httpx.Response:
    return await client.post(
        f"/api/scoring/applications/{application_id}/waivers",
        json={"document_type": document_type, "reason": reason},
        headers=headers,
    )


async def test_selection_without_the_required_documents_names_each_missing_one(
    client: httpx.AsyncClient, plans: FakePlans, tokens: TokenFactory, settings: Settings
) -> None:
    application_id = await _application(client, tokens)
    await attach_documents(
        client, tokens.prefecture(KUMAMOTO, "editor"), application_id, ("form1",)
    )
    response = await _select(client, tokens, application_id)
    assert response.status_code == 422
    assert response.json()["title"] == "選定の条件を満たしていないため選定できません"
    assert {e["field"] for e in response.json()["errors"]} == {
        "criteria/form2",
        "criteria/financial_statements",
        "criteria/brochure",
    }
    assert "企業概要(パンフレット等)" in str(response.json()["errors"])
    detail = await client.get(
        f"/api/scoring/applications/{application_id}", headers=tokens.national("reviewer")
    )
    assert detail.json()["status"] == "received"
    assert await _count(settings, "selections") == 0
    assert await _count(settings, "application_decisions") == 0
    assert plans.core_companies() == []


async def test_every_required_document_attached_lets_the_application_be_selected(
    client: httpx.AsyncClient, plans: FakePlans, tokens: TokenFactory
) -> None:
    application_id = await _application(client, tokens)
    await attach_documents(client, tokens.prefecture(KUMAMOTO, "editor"), application_id)
    response = await _select(client, tokens, application_id)
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "selected"
    assert len(plans.core_companies()) == 1


async def test_a_waiver_with_its_reason_stands_for_a_missing_document(
    client: httpx.AsyncClient, plans: FakePlans, tokens: TokenFactory
) -> None:
    approver = tokens.prefecture(KUMAMOTO, "approver")
    application_id = await _application(client, tokens)
    await attach_documents(
        client,
        tokens.prefecture(KUMAMOTO, "editor"),
        application_id,
        ("form1", "form2", "financial_statements"),
    )
    waived = await _waive(client, approver, application_id, "brochure")
    assert waived.status_code == 201, waived.text
    assert [
        (w["document_type"], w["reason"], w["organisation"]) for w in waived.json()["waivers"]
    ] == [("brochure", "パンフレットを作成していないため、会社案内のWebページで確認した", KUMAMOTO)]
    brochure = {c["code"]: c for c in waived.json()["criteria"]}["brochure"]
    assert brochure["passed"] is True
    assert brochure["actual"].startswith("提出免除(理由: パンフレットを作成していない")
    assert (await _select(client, tokens, application_id)).status_code == 200
    assert len(plans.core_companies()) == 1


async def test_a_waiver_needs_a_reason_an_approver_and_a_missing_required_document(
    client: httpx.AsyncClient, tokens: TokenFactory, settings: Settings
) -> None:
    approver = tokens.prefecture(KUMAMOTO, "approver")
    application_id = await _application(client, tokens)
    await attach_documents(
        client, tokens.prefecture(KUMAMOTO, "editor"), application_id, ("form1",)
    )
    no_reason = await _waive(client, approver, application_id, "brochure", reason="")
    assert no_reason.status_code == 422
    assert [e["field"] for e in no_reason.json()["errors"]] == ["reason"]
    editor = await _waive(client, tokens.prefecture(KUMAMOTO, "editor"), application_id, "brochure")
    assert editor.status_code == 403
    unknown = await _waive(client, approver, application_id, "tax_return")
    assert unknown.status_code == 422
    attached = await _waive(client, approver, application_id, "form1")
    assert attached.status_code == 409
    assert await _count(settings, "document_waivers") == 0
    assert (await _waive(client, approver, application_id, "brochure")).status_code == 201
    again = await _waive(client, approver, application_id, "brochure", reason="別の理由")
    assert again.status_code == 409
    assert await _count(settings, "document_waivers") == 1


async def test_a_call_must_ask_for_the_four_required_documents(
    client: httpx.AsyncClient, tokens: TokenFactory, settings: Settings
) -> None:
    approver = tokens.prefecture(KUMAMOTO, "approver")
    without_brochure = [d for d in KUMAMOTO_CALL["required_documents"] if d["code"] != "brochure"]
    response = await client.post(
        "/api/scoring/calls",
        json={**KUMAMOTO_CALL, "required_documents": without_brochure},
        headers=approver,
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["field"] == "required_documents"
    assert "企業概要(パンフレット等)" in error["message"]
    assert await _count(settings, "calls") == 0
    unstated = {k: v for k, v in KUMAMOTO_CALL.items() if k != "required_documents"}
    created = await client.post("/api/scoring/calls", json=unstated, headers=approver)
    assert created.status_code == 201, created.text
    assert [d["code"] for d in created.json()["required_documents"]] == list(REQUIRED_DOCUMENTS)


@pytest.mark.parametrize(
    ("fiscal_period", "started"),
    [("2025-02", "2024年3月"), ("2024-12", "2024年1月"), ("2024-03", "2023年4月")],
)
async def test_form2_figures_of_a_year_begun_before_april_2024_are_refused_and_not_stored(
    client: httpx.AsyncClient,
    tokens: TokenFactory,
    settings: Settings,
    fiscal_period: str,
    started: str,
) -> None:
    call = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"))
    response = await client.post(
        f"/api/scoring/calls/{call['id']}/applications",
        json=application_body(1, fiscal_period=fiscal_period),
        headers=tokens.prefecture(KUMAMOTO, "editor"),
    )
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert (error["field"], error["code"]) == ("fiscal_period", "form2_fiscal_year")
    assert f"{started}開始" in error["message"]
    assert await _count(settings, "applications") == 0


async def test_form2_figures_of_a_year_not_yet_closed_are_refused(
    client: httpx.AsyncClient, tokens: TokenFactory, settings: Settings
) -> None:
    call = await open_kumamoto_call(client, tokens.prefecture(KUMAMOTO, "approver"))
    response = await client.post(
        f"/api/scoring/calls/{call['id']}/applications",
        json=application_body(1, fiscal_period="2026-09"),
        headers=tokens.prefecture(KUMAMOTO, "editor"),
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "fiscal_period"
    assert await _count(settings, "applications") == 0


@pytest.mark.parametrize(
    ("fiscal_period", "actual"),
    [("2025-03", "2024年4月〜2025年3月期"), ("2026-03", "2025年4月〜2026年3月期")],
)
async def test_form2_figures_of_a_year_begun_in_april_2024_or_later_are_received(
    client: httpx.AsyncClient, tokens: TokenFactory, fiscal_period: str, actual: str
) -> None:
    application_id = await _application(client, tokens, fiscal_period=fiscal_period)
    detail = await client.get(
        f"/api/scoring/applications/{application_id}", headers=tokens.national("reviewer")
    )
    criterion = {c["code"]: c for c in detail.json()["criteria"]}["form2_fiscal_year"]
    assert (criterion["kind"], criterion["passed"], criterion["actual"]) == ("form", True, actual)


async def test_an_application_stored_with_older_form2_figures_cannot_be_selected(
    client: httpx.AsyncClient, plans: FakePlans, tokens: TokenFactory, settings: Settings
) -> None:
    """Applications received before the rule keep their figures; selecting them is refused."""
    application_id = await _application(client, tokens)
    await attach_documents(client, tokens.prefecture(KUMAMOTO, "editor"), application_id)
    engine = create_engine(settings.database_url)
    async with engine.begin() as connection:
        await connection.execute(
            text("UPDATE applications SET fiscal_period = '2024-03' WHERE id = :id"),
            {"id": application_id},
        )
    await engine.dispose()
    response = await _select(client, tokens, application_id)
    assert response.status_code == 422
    assert [e["field"] for e in response.json()["errors"]] == ["criteria/form2_fiscal_year"]
    assert await _count(settings, "selections") == 0
    assert plans.core_companies() == []
