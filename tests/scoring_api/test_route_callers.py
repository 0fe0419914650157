"""Who may call each scoring-api route is named in its signature: a type from the domain's
``auth.py`` (``CallApprover``, ``VisibleApplication`` …), never the bare authenticated principal."""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts

from chiiki_common.auth import CurrentPrincipal, Principal, authenticate
from scoring_api.app import create_app
from scoring_api.calls.auth import CallApprover
from scoring_api.settings import Settings
from tests.fixtures.auth import make_token_factory

PUBLIC_ROUTES: frozenset[str] = frozenset()
"""Routes under ``/api/`` anyone may call without a token: none in scoring-api."""

UNCHECKED_PREFIXES = ("/healthz", "/readyz", "/internal/")
"""Health probes answer everyone; internal routes name their service callers (``EventReader``)
and are held to that by ``tests/common/test_route_callers.py``."""


def _all_routes(app: FastAPI) -> Iterator[tuple[str, APIRoute]]:
    # FastAPI 0.165 includes routers lazily: app.routes holds the included routers, not the routes
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute):
            yield context.path, context.original_route


def _routes(app: FastAPI) -> Iterator[tuple[str, APIRoute]]:
    return ((path, route) for path, route in _all_routes(app) if path.startswith("/api/"))


def _is_authenticate(dependency: Any) -> bool:
    return getattr(dependency, "dependency", None) is authenticate


def bare_principals(endpoint: Callable[..., Any]) -> list[str]:
    """Parameters typed as the bare principal (``CurrentPrincipal`` or ``Principal``)."""
    found = []
    for name, hint in typing.get_type_hints(endpoint, include_extras=True).items():
        if name == "return":
            continue
        if hint is Principal:
            found.append(name)
        elif typing.get_origin(hint) is typing.Annotated:
            base, *extras = typing.get_args(hint)
            if base is Principal and (not extras or any(_is_authenticate(e) for e in extras)):
                found.append(name)
    return found


def declared_callers(route: APIRoute) -> list[str]:
    """The signature's own dependencies that say who may call (anything but the token check)."""
    return [
        getattr(d.call, "__qualname__", "")
        for d in route.dependant.dependencies
        if d.call is not None
        and d.call is not authenticate
        and getattr(d.call, "__module__", "").endswith(".auth")
    ]


def flagged(app: FastAPI) -> list[str]:
    """Every ``/api/`` route that takes the bare principal or names no caller."""
    return sorted(
        f"{sorted(route.methods)[0]} {path}"
        for path, route in _routes(app)
        if path not in PUBLIC_ROUTES
        and (bare_principals(route.endpoint) or not declared_callers(route))
    )


@pytest.fixture(scope="module")
def app() -> FastAPI:
    tokens = make_token_factory()
    return create_app(
        Settings(database_url="sqlite+aiosqlite:///:memory:", environment="test"),
        verifier=tokens.verifier("scoring-api"),
    )


def test_every_route_names_who_may_call_it(app: FastAPI) -> None:
    assert len(list(_routes(app))) > 30
    assert flagged(app) == []


def test_every_route_outside_api_is_a_probe_or_internal(app: FastAPI) -> None:
    others = {path for path, _route in _all_routes(app) if not path.startswith("/api/")}
    assert others
    assert sorted(p for p in others if not p.startswith(UNCHECKED_PREFIXES)) == []


def test_the_check_sees_a_bare_principal() -> None:
    async def bare(principal: CurrentPrincipal) -> None: ...

    async def plain(principal: Principal) -> None: ...

    async def named(principal: CallApprover) -> None: ...

    assert bare_principals(bare) == ["principal"]
    assert bare_principals(plain) == ["principal"]
    assert bare_principals(named) == []


def test_the_check_flags_a_route_of_an_app_that_takes_the_bare_principal() -> None:
    from fastapi import APIRouter

    router = APIRouter(prefix="/api/scoring")

    @router.get("/bare")
    async def bare(principal: CurrentPrincipal) -> None: ...

    @router.get("/named")
    async def named(principal: CallApprover) -> None: ...

    app = FastAPI()
    app.include_router(router)
    assert flagged(app) == ["GET /api/scoring/bare"]
