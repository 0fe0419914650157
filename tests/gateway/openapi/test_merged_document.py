"""One OpenAPI document: the gateway's routes and every upstream's published routes."""

from __future__ import annotations

from typing import Any

from gateway.openapi.merge import merge_documents
from tests.gateway.conftest import GatewayFactory, serve
from tests.gateway.proxy.upstream import echo_app


async def test_merged_document_has_gateway_and_upstream_routes_but_no_internal_ones(
    sqlite_gateway: GatewayFactory,
) -> None:
    async with (
        serve(echo_app("plans-api")) as plans_url,
        serve(echo_app("scoring-api", prefixes=("/api/scoring",))) as scoring_url,
        sqlite_gateway(plans_url=plans_url, scoring_url=scoring_url) as client,
    ):
        response = await client.get("/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/auth/login" in paths
    assert "/auth/token" in paths
    assert "/admin/users" in paths
    assert "/api/plans/{rest}" in paths
    assert "/registry/v1/{rest}" in paths
    assert "/api/scoring/{rest}" in paths
    assert not [p for p in paths if p.startswith(("/internal", "/healthz", "/readyz"))]
    assert paths["/api/scoring/{rest}"]["get"]["tags"] == ["scoring-api"]


async def test_merged_document_still_answers_when_upstreams_are_down(
    sqlite_gateway: GatewayFactory,
) -> None:
    async with sqlite_gateway() as client:
        response = await client.get("/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/auth/login" in paths
    assert not [p for p in paths if p.startswith("/api/")]


def _document(path: str, schema: dict[str, Any]) -> dict[str, Any]:
    ref = {"$ref": "#/components/schemas/Plan"}
    return {
        "paths": {
            path: {
                "get": {"responses": {"200": {"content": {"application/json": {"schema": ref}}}}}
            }
        },
        "components": {"schemas": {"Plan": schema, "Problem": {"type": "object"}}},
    }


def test_clashing_component_names_are_prefixed_and_their_refs_rewritten() -> None:
    own = {
        "openapi": "3.1.0",
        "paths": {},
        "components": {"schemas": {"Problem": {"type": "object"}}},
    }
    merged = merge_documents(
        own,
        {
            "plans-api": _document("/api/plans/x", {"type": "object", "title": "plans"}),
            "scoring-api": _document("/api/scoring/x", {"type": "object", "title": "scoring"}),
        },
    )
    schemas = merged["components"]["schemas"]
    assert schemas["Plan"]["title"] == "plans"
    assert schemas["ScoringApiPlan"]["title"] == "scoring"
    assert set(schemas) == {"Plan", "ScoringApiPlan", "Problem"}
    scoring_ref = merged["paths"]["/api/scoring/x"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]["$ref"]
    assert scoring_ref == "#/components/schemas/ScoringApiPlan"
    plans_ref = merged["paths"]["/api/plans/x"]["get"]["responses"]["200"]["content"][
        "application/json"
    ]["schema"]["$ref"]
    assert plans_ref == "#/components/schemas/Plan"
