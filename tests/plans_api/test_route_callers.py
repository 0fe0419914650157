"""Every plans-api route says who may call it in its signature: each parameter typed as a
principal (or as the record a route works on) is a named alias from one of the domains'
``auth.py``, never the bare authenticated principal; only the routes listed here as public take
none."""

from __future__ import annotations

import importlib
import pkgutil
import typing
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, FastAPI
from fastapi.routing import APIRoute, iter_route_contexts

import chiiki_common.auth
import plans_api
from chiiki_common.auth import CurrentPrincipal, Principal, Role, Tier, authenticate, caller
from chiiki_common.db import SessionDep
from plans_api.app import PUBLIC_PATHS, create_app
from plans_api.settings import Settings
from tests.fixtures.auth import TokenFactory

PUBLIC = frozenset({*PUBLIC_PATHS, "/healthz", "/readyz"})
"""The routes anyone may call without a token: open data (the app's own list) and the health
checks."""


def declared_callers() -> list[Any]:
    """The aliases the domains' ``auth.py`` modules define; what a module merely imports from the
    shared library (``CurrentPrincipal``) is not one of them."""
    shared = [v for v in vars(chiiki_common.auth).values() if typing.get_origin(v) is Annotated]
    found: list[Any] = []
    for module_info in pkgutil.walk_packages(plans_api.__path__, "plans_api."):
        if module_info.name.endswith(".auth"):
            module = importlib.import_module(module_info.name)
            found.extend(
                value
                for value in vars(module).values()
                if typing.get_origin(value) is Annotated and not _among(value, shared)
            )
    return found


def _among(hint: Any, aliases: list[Any]) -> bool:
    return any(hint == alias for alias in aliases)


def _principal_typed(hint: Any) -> bool:
    base = typing.get_args(hint)[0] if typing.get_origin(hint) is Annotated else hint
    return base is Principal


def _authenticates(dependant: Any) -> bool:
    return any(d.call is authenticate or _authenticates(d) for d in dependant.dependencies)


def refusals(app: FastAPI, public: frozenset[str] = PUBLIC) -> Iterator[str]:
    """``METHOD path: why`` for each route that does not declare its callers: a parameter typed as
    a principal but not with an ``auth.py`` alias, or no parameter from an ``auth.py`` that looks at
    the caller at all (``IfMatch`` does not)."""
    aliases = declared_callers()
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if not isinstance(route, APIRoute) or context.path in public:
            continue
        where = f"{','.join(sorted(context.methods or ()))} {context.path}"
        hints = typing.get_type_hints(route.endpoint, include_extras=True)
        hints.pop("return", None)
        checks = {d.name: d for d in route.dependant.dependencies}
        declared = False
        for name, hint in hints.items():
            if _among(hint, aliases):
                declared = declared or (name in checks and _authenticates(checks[name]))
            elif _principal_typed(hint):
                yield f"{where}: {name} is not typed with a caller alias from an auth.py"
        if not declared:
            yield f"{where}: no parameter says who may call it"


def test_every_route_declares_who_may_call_it(tokens: TokenFactory) -> None:
    settings = Settings(environment="test")
    app = create_app(settings, verifier=tokens.verifier(settings.audience))
    assert list(refusals(app)) == []


def test_the_public_routes_listed_exist(tokens: TokenFactory) -> None:
    settings = Settings(environment="test")
    app = create_app(settings, verifier=tokens.verifier(settings.audience))
    paths = {c.path for c in iter_route_contexts(app.routes)}
    assert paths >= PUBLIC


Examiner = Annotated[Principal, caller(tiers=[Tier.national], roles=[Role.reviewer])]


def test_a_route_taking_the_bare_principal_is_refused() -> None:
    router = APIRouter(prefix="/api/sample")

    @router.get("/bare")
    async def bare(principal: CurrentPrincipal) -> None:
        """Takes the authenticated principal as it comes."""

    @router.get("/untyped")
    async def untyped(session: SessionDep) -> None:
        """Says nothing about its callers."""

    @router.get("/local")
    async def local(principal: Examiner) -> None:
        """A caller alias, but not one of an ``auth.py``."""

    app = FastAPI()
    app.include_router(router)
    found = list(refusals(app, frozenset({"/openapi.json", "/docs", "/docs/oauth2-redirect"})))
    assert found == [
        "GET /api/sample/bare: principal is not typed with a caller alias from an auth.py",
        "GET /api/sample/bare: no parameter says who may call it",
        "GET /api/sample/untyped: no parameter says who may call it",
        "GET /api/sample/local: principal is not typed with a caller alias from an auth.py",
        "GET /api/sample/local: no parameter says who may call it",
    ]
