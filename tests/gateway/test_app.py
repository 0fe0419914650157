"""The gateway as a whole: every route guarded unless listed public, headers, the SPA."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.routing import iter_route_contexts

from gateway.app import PUBLIC_PATHS, create_app
from gateway.sessions.auth import current_caller
from gateway.settings import Settings
from tests.gateway.conftest import GatewayFactory

ALWAYS_PUBLIC = {"/healthz", "/readyz"}


def _depends_on_caller(dependant: Any) -> bool:
    return any(d.call is current_caller or _depends_on_caller(d) for d in dependant.dependencies)


def test_every_route_requires_a_caller_unless_listed_public(tmp_path: Path) -> None:
    (tmp_path / "dist").mkdir()
    app = create_app(Settings(environment="test", spa_dir=str(tmp_path / "dist")))
    # FastAPI 0.165 includes routers lazily: app.routes holds the included routers, not the routes
    routes = {(r.path, _depends_on_caller(r.dependant)) for r in iter_route_contexts(app.routes)}
    unguarded = {path for path, guarded in routes if not guarded}
    guarded = {path for path, guarded in routes if guarded}
    assert len(routes) >= 16
    assert unguarded <= set(PUBLIC_PATHS) | ALWAYS_PUBLIC
    assert {
        "/auth/login",
        "/auth/token",
        "/.well-known/jwks.json",
        "/openapi.json",
        "/{path:path}",
    } <= unguarded
    assert {"/auth/me", "/auth/logout", "/admin/users", "/internal/directory/users"} <= guarded


async def test_health_readiness_and_security_headers(sqlite_gateway: GatewayFactory) -> None:
    async with sqlite_gateway() as client:
        health = await client.get("/healthz")
        ready = await client.get("/readyz")
        problem = await client.get("/auth/me")
    assert health.json() == {"status": "ok"}
    assert ready.json() == {"status": "ready"}
    for response in (health, problem):
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "strict-origin-when-cross-origin"
        assert "max-age" in response.headers["strict-transport-security"]


async def test_no_hsts_in_local_development(sqlite_gateway: GatewayFactory) -> None:
    async with sqlite_gateway(environment="development") as client:
        response = await client.get("/healthz")
    assert "strict-transport-security" not in response.headers
    assert response.headers["x-frame-options"] == "DENY"


async def test_the_spa_is_served_with_csp_and_client_routes_fall_back_to_index(
    sqlite_gateway: GatewayFactory, tmp_path: Path
) -> None:
    spa = tmp_path / "dist"
    (spa / "assets").mkdir(parents=True)
    (spa / "index.html").write_text("<!doctype html><title>地域産業成長プラン</title>")
    (spa / "assets" / "app-1234.js").write_text("console.log('spa')")
    (tmp_path / "secret.txt").write_text("outside")
    async with sqlite_gateway(spa_dir=str(spa)) as client:
        index = await client.get("/")
        route = await client.get("/plans/42/edit")
        asset = await client.get("/assets/app-1234.js")
        escape = await client.get("/..%2Fsecret.txt")
        api_typo = await client.get("/auth/nothing-here")
    assert index.status_code == route.status_code == 200
    assert "地域産業成長プラン" in route.text
    assert index.headers["content-security-policy"].startswith("default-src 'self'")
    assert asset.text == "console.log('spa')"
    assert "immutable" in asset.headers["cache-control"]
    assert "outside" not in escape.text
    assert api_typo.status_code == 404


async def test_without_a_build_there_is_no_spa(sqlite_gateway: GatewayFactory) -> None:
    async with sqlite_gateway() as client:
        response = await client.get("/plans/42")
    assert response.status_code == 404


async def test_api_reference_is_served_outside_production(sqlite_gateway: GatewayFactory) -> None:
    async with sqlite_gateway() as client:
        docs = await client.get("/docs")
    async with sqlite_gateway(environment="production") as client:
        hidden = await client.get("/docs")
        document = await client.get("/openapi.json")
    assert docs.status_code == 200
    assert "/openapi.json" in docs.text
    assert hidden.status_code == 404
    assert document.status_code == 200
