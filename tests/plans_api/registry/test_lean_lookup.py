"""The single lookup's lean route (``registry.endpoints.lean_lookup_route``) answers byte for byte
what the declared FastAPI route answers: status, headers and body, problems included."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import timedelta

import httpx
import pytest

import plans_api
from chiiki_common import clock
from plans_api.app import create_app
from plans_api.registry.endpoints import lean_lookup_route
from plans_api.settings import Settings
from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory
from tests.fixtures.databases import DatabaseFactory
from tests.plans_api.factories import KUMAMOTO, company_number, published_plan

REQUEST_ID = "lean-lookup-0001"
"""Sent with every request, so the two answers carry the same request id."""


@dataclass
class Both:
    lean: httpx.AsyncClient
    declared: httpx.AsyncClient
    tokens: TokenFactory

    async def same(
        self, path: str, headers: dict[str, str] | None = None, method: str = "GET"
    ) -> httpx.Response:
        sent = {**(headers or {}), "X-Request-ID": REQUEST_ID}
        lean = await self.lean.request(method, path, headers=sent)
        declared = await self.declared.request(method, path, headers=sent)
        assert (lean.status_code, lean.headers.multi_items(), lean.content) == (
            declared.status_code,
            declared.headers.multi_items(),
            declared.content,
        )
        return lean


@pytest.fixture
async def both(
    backend: str, database_factory: DatabaseFactory, tokens: TokenFactory
) -> AsyncIterator[Both]:
    url = database_factory.fresh(backend, "plans_api", plans_api.MIGRATIONS)
    settings = Settings(
        database_url=url, environment="test", log_requests=False, publication_poll_seconds=3600
    )
    lean = create_app(settings, verifier=tokens.verifier(settings.audience))
    declared = create_app(settings, verifier=tokens.verifier(settings.audience))
    declared.router.routes.remove(lean_lookup_route)
    assert lean.router.routes[0] is lean_lookup_route
    async with running(lean) as lean_client, running(declared) as declared_client:
        yield Both(lean_client, declared_client, tokens)


def _full_width(number: str) -> str:
    return number.translate(str.maketrans("0123456789", "０１２３４５６７８９"))


def _url(number: str) -> str:
    return f"/registry/v1/companies/{number}"


def test_the_openapi_document_still_describes_the_declared_route() -> None:
    app = create_app(Settings(database_url="sqlite+aiosqlite:///:memory:", environment="test"))
    document = app.openapi()
    operation = document["paths"]["/registry/v1/companies/{corporate_number}"]["get"]
    assert operation["operationId"] == "registry-lookup_company"
    assert set(operation["responses"]) >= {"200", "401", "403", "422"}
    assert lean_lookup_route.name not in json.dumps(document)


async def test_found_and_unknown_companies_are_answered_alike(both: Both) -> None:
    await published_plan(both.lean, both.tokens, company=7)
    await published_plan(both.lean, both.tokens, plan_type="C", company=7, title="C計画")
    ministry = both.tokens.ministry()
    found = await both.same(_url(company_number(7)), ministry)
    assert found.status_code == 200
    assert [p["plan_type"] for p in found.json()["plans"]] == ["B", "C"]
    unknown = await both.same(_url(company_number(8)), ministry)
    assert (unknown.status_code, unknown.json()["plans"]) == (200, [])
    full_width = await both.same(_url(_full_width(company_number(7))), ministry)
    assert full_width.content == found.content
    assert (await both.same(_url(company_number(7)), both.tokens.national())).status_code == 200
    assert (await both.same(_url(company_number(7)) + "?x=1", ministry)).status_code == 200


@pytest.mark.parametrize(
    "number",
    ["123", "abc", "lookup", company_number(7)[:-1] + "0", company_number(7) + "1", "１２３"],
)
async def test_a_malformed_number_is_the_same_problem(both: Both, number: str) -> None:
    answer = await both.same(_url(number), both.tokens.ministry())
    assert answer.status_code == 422
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["errors"][0]["field"] == "corporate_number"


async def test_tokens_and_scopes_are_refused_alike_and_before_the_number(both: Both) -> None:
    tokens = both.tokens
    with clock.frozen_at(clock.now() - timedelta(hours=1)):
        expired = tokens.ministry()
    refusals = {
        401: [
            {},
            expired,
            {"Authorization": "Bearer not-a-token"},
            {"Authorization": "Basic bWluaXN0cnk6c2VjcmV0"},
        ],
        403: [tokens.ministry(scope="other"), tokens.prefecture(KUMAMOTO)],
    }
    for status, cases in refusals.items():
        for headers in cases:
            for number in (company_number(7), "123"):
                answer = await both.same(_url(number), headers)
                assert answer.status_code == status, answer.text
                assert answer.headers["content-type"] == "application/problem+json"


async def test_other_methods_and_paths_still_reach_the_declared_route(both: Both) -> None:
    ministry = both.tokens.ministry()
    assert (await both.same(_url(company_number(7)), ministry, "HEAD")).status_code == 405
    assert (await both.same(_url(company_number(7)), ministry, "DELETE")).status_code == 405
    await both.same(_url(company_number(7)) + "/", ministry)
    await both.same(_url(company_number(7)) + "%0A", ministry)
