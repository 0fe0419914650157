"""Figures, scores, evidence, calls, applications and attachments are visible to the owning
prefecture and to national users only: every route that takes an id answers 404 to a
municipality, another prefecture, the regional bureau of the prefecture's block, a ministry system
and a service, and nothing is changed."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from chiiki_common.app import route_inventory
from chiiki_common.clock import Clock, jst_wall_clock, set_clock
from scoring_api.app import create_app
from scoring_api.settings import Settings
from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory
from tests.scoring_api.factories import (
    FUKUOKA,
    KUMAMOTO,
    application_body,
    create_company,
    open_kumamoto_call,
    put_figures,
)
from tests.scoring_api.plans_fake import FakePlans, wire

PDF = b"%PDF-1.7\n%%EOF\n"
FIGURES = {"sales": 10, "out_of_prefecture_sales": 1, "purchases": 10, "in_prefecture_purchases": 1}


def _outsiders(tokens: TokenFactory) -> dict[str, dict[str, str]]:
    return {
        "municipality": tokens.municipality("431001", "approver"),
        "designated_city": tokens.municipality("431001", "admin", designated_city=True),
        "other_prefecture": tokens.prefecture(FUKUOKA, "admin"),
        # 九州経済産業局, whose block 熊本県 is in (the gateway does not send its token here; one
        # that arrives sees nothing)
        "bureau_of_the_block": tokens.bureau("meti-kyushu", "admin"),
        "ministry_system": tokens.ministry(),
        "service": tokens.service("svc-notify", scope="events:read scoring:read"),
    }


async def _world(client: httpx.AsyncClient, tokens: TokenFactory) -> dict[str, Any]:
    editor, approver = (
        tokens.prefecture(KUMAMOTO, "editor"),
        tokens.prefecture(KUMAMOTO, "approver"),
    )
    top = await create_company(client, editor, 1)
    number = await create_company(client, editor, 2)
    await put_figures(client, editor, top, sales=100, out=90, purchases=100, inside=90)
    await put_figures(client, editor, number, sales=10, out=1, purchases=10, inside=1)
    for n in range(3, 12):
        other = await create_company(client, editor, n)
        await put_figures(client, editor, other, sales=50, out=20, purchases=50, inside=20)
    filing = await client.post(
        "/api/scoring/evidence-filings",
        json={"corporate_number": number, "fiscal_year": 2024, "statement": "県外販売が急増"},
        headers=editor,
    )
    assert filing.status_code == 201, filing.text
    evidence_file = await client.post(
        f"/api/scoring/evidence-filings/{filing.json()['id']}/attachments",
        files={"file": ("証憑.pdf", PDF)},
        headers=editor,
    )
    meti_list = f"法人番号,企業名,都道府県,事業年度,備考\n{top},掲載企業(サンプル),43,2024,\n"
    imported = await client.post(
        "/api/scoring/reference-list/meti/import",
        files={"file": ("list.csv", meti_list.encode())},
        headers=tokens.national("editor", org="meti"),
    )
    assert imported.status_code == 200, imported.text
    confirmed = await client.post(
        "/api/scoring/evidence-filings",
        json={"corporate_number": other, "fiscal_year": 2024, "statement": "県内調達が多い"},
        headers=editor,
    )
    review = await client.post(
        f"/api/scoring/evidence-filings/{confirmed.json()['id']}/review",
        json={"decision": "confirmed"},
        headers=tokens.national("reviewer", org="meti"),
    )
    assert review.status_code == 200, review.text
    call = await open_kumamoto_call(client, approver, plan_id="12")
    application = await client.post(
        f"/api/scoring/calls/{call['id']}/applications", json=application_body(20), headers=editor
    )
    attachment = await client.post(
        f"/api/scoring/applications/{application.json()['id']}/attachments",
        files={"file": ("様式1.pdf", PDF)},
        data={"document_type": "form1"},
        headers=editor,
    )
    assert attachment.status_code == 201, attachment.text
    return {
        "number": number,
        "filing": filing.json()["id"],
        "evidence_attachment": evidence_file.json()["id"],
        "call": call["id"],
        "application": application.json()["id"],
        "attachment": attachment.json()["id"],
    }


def _requests(ids: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """Every route with an id, with a valid request (so only tenancy can refuse it)."""
    n, f, c, a = ids["number"], ids["filing"], ids["call"], ids["application"]
    return {
        ("GET", "/api/scoring/companies/{corporate_number}"): {
            "url": f"/api/scoring/companies/{n}"
        },
        ("PUT", "/api/scoring/companies/{corporate_number}"): {
            "url": f"/api/scoring/companies/{n}",
            "json": {"name": "乗っ取り(サンプル)", "hq_prefecture": "43"},
        },
        ("DELETE", "/api/scoring/companies/{corporate_number}"): {
            "url": f"/api/scoring/companies/{n}"
        },
        ("GET", "/api/scoring/companies/{corporate_number}/figures"): {
            "url": f"/api/scoring/companies/{n}/figures"
        },
        ("PUT", "/api/scoring/companies/{corporate_number}/figures/{fiscal_year}"): {
            "url": f"/api/scoring/companies/{n}/figures/2024",
            "json": FIGURES,
        },
        ("DELETE", "/api/scoring/companies/{corporate_number}/figures/{fiscal_year}"): {
            "url": f"/api/scoring/companies/{n}/figures/2024"
        },
        ("GET", "/api/scoring/companies/{corporate_number}/scores"): {
            "url": f"/api/scoring/companies/{n}/scores"
        },
        ("GET", "/api/scoring/companies/{corporate_number}/scores/{fiscal_year}/explanation"): {
            "url": f"/api/scoring/companies/{n}/scores/2024/explanation"
        },
        ("GET", "/api/scoring/evidence-filings/{filing_id}"): {
            "url": f"/api/scoring/evidence-filings/{f}"
        },
        ("POST", "/api/scoring/evidence-filings/{filing_id}/attachments"): {
            "url": f"/api/scoring/evidence-filings/{f}/attachments",
            "files": {"file": ("x.pdf", PDF)},
        },
        ("POST", "/api/scoring/evidence-filings/{filing_id}/review"): {
            "url": f"/api/scoring/evidence-filings/{f}/review",
            "json": {"decision": "confirmed"},
        },
        ("GET", "/api/scoring/calls/{call_id}"): {"url": f"/api/scoring/calls/{c}"},
        ("PUT", "/api/scoring/calls/{call_id}/plan"): {
            "url": f"/api/scoring/calls/{c}/plan",
            "json": {"plan_id": "99"},
        },
        ("POST", "/api/scoring/calls/{call_id}/applications"): {
            "url": f"/api/scoring/calls/{c}/applications",
            "json": application_body(30),
        },
        ("GET", "/api/scoring/calls/{call_id}/applications"): {
            "url": f"/api/scoring/calls/{c}/applications"
        },
        ("GET", "/api/scoring/applications/{application_id}"): {
            "url": f"/api/scoring/applications/{a}"
        },
        ("POST", "/api/scoring/applications/{application_id}/attachments"): {
            "url": f"/api/scoring/applications/{a}/attachments",
            "files": {"file": ("x.pdf", PDF)},
            "data": {"document_type": "form2"},
        },
        ("POST", "/api/scoring/applications/{application_id}/waivers"): {
            "url": f"/api/scoring/applications/{a}/waivers",
            "json": {"document_type": "brochure", "reason": "作成していない"},
        },
        ("PUT", "/api/scoring/applications/{application_id}/assessment"): {
            "url": f"/api/scoring/applications/{a}/assessment",
            "json": {"field_match": False},
        },
        ("POST", "/api/scoring/applications/{application_id}/decisions"): {
            "url": f"/api/scoring/applications/{a}/decisions",
            "json": {"decision": "declined"},
        },
        ("GET", "/api/scoring/attachments/{attachment_id}/content"): {
            "url": f"/api/scoring/attachments/{ids['attachment']}/content"
        },
    }


def _id_routes(app: FastAPI) -> set[tuple[str, str]]:
    return {
        (method, path)
        for path, methods, _ in route_inventory(app)
        if path.startswith("/api/") and "{" in path
        for method in methods
    }


@pytest.fixture(autouse=True)
def _during_the_window() -> None:
    set_clock(Clock(jst_wall_clock(2026, 5, 20, 10, 0), frozen=True))


async def test_every_route_with_an_id_is_covered(settings: Settings, tokens: TokenFactory) -> None:
    app = create_app(settings, verifier=tokens.verifier("scoring-api"))
    placeholder = dict.fromkeys(("number", "filing", "call", "application", "attachment"), 1)
    assert _id_routes(app) == set(_requests(placeholder))


async def test_outsiders_get_404_from_every_route_with_an_id_and_change_nothing(
    settings: Settings, tokens: TokenFactory
) -> None:
    app = create_app(settings, verifier=tokens.verifier("scoring-api"))
    async with running(wire(app, settings, tokens, FakePlans(tokens))) as client:
        ids = await _world(client, tokens)
        owner = tokens.prefecture(KUMAMOTO, "viewer")
        before = {
            path: (await client.get(request["url"], headers=owner)).content
            for (method, path), request in _requests(ids).items()
            if method == "GET"
        }
        for tier, headers in _outsiders(tokens).items():
            for (method, path), request in _requests(ids).items():
                response = await client.request(method, headers=headers, **request)
                assert response.status_code == 404, (tier, method, path, response.text)
                assert response.headers["content-type"] == "application/problem+json"
        after = {
            path: (await client.get(request["url"], headers=owner)).content
            for (method, path), request in _requests(ids).items()
            if method == "GET"
        }
        assert after == before
        evidence = await client.get(
            f"/api/scoring/attachments/{ids['evidence_attachment']}/content",
            headers=tokens.prefecture(FUKUOKA, "admin"),
        )
        assert evidence.status_code == 404


async def test_owning_prefecture_and_national_users_see_every_resource(
    settings: Settings, tokens: TokenFactory
) -> None:
    app = create_app(settings, verifier=tokens.verifier("scoring-api"))
    async with running(wire(app, settings, tokens, FakePlans(tokens))) as client:
        ids = await _world(client, tokens)
        for headers in (
            tokens.prefecture(KUMAMOTO, "viewer"),
            tokens.national("reviewer"),
            tokens.national("reviewer", org="meti"),
        ):
            for (method, path), request in _requests(ids).items():
                if method == "GET":
                    response = await client.get(request["url"], headers=headers)
                    assert response.status_code == 200, (path, response.text)


async def test_lists_show_outsiders_nothing(settings: Settings, tokens: TokenFactory) -> None:
    app = create_app(settings, verifier=tokens.verifier("scoring-api"))
    async with running(wire(app, settings, tokens, FakePlans(tokens))) as client:
        await _world(client, tokens)
        for tier, headers in _outsiders(tokens).items():
            for url, params in (
                ("/api/scoring/companies", {}),
                ("/api/scoring/scores", {"fiscal_year": 2024}),
                ("/api/scoring/evidence-filings", {}),
                ("/api/scoring/calls", {}),
                ("/api/scoring/reference-list", {"fiscal_year": 2024, "prefecture": "43"}),
                ("/api/scoring/reference-list/meti", {"fiscal_year": 2024, "prefecture": "43"}),
            ):
                body = (await client.get(url, params=params, headers=headers)).json()
                items = body.get("items", body.get("entries")) if isinstance(body, dict) else body
                assert items == [], (tier, url)
                if isinstance(body, dict) and "confirmed_by_evidence" in body:
                    assert body["confirmed_by_evidence"] == [], (tier, url)
