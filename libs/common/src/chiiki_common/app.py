"""The app factory every service uses: logging, request ids, problem+json, database, token
verification, health checks, stable operation ids, and routers authenticated by default.

A router passed in ``routers`` requires a verified bearer token on every route; a route that needs
no login goes in ``public_routers`` and so is listed explicitly (the route-inventory test reads
:func:`route_inventory`).
"""

from __future__ import annotations

import inspect
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Sequence
from contextlib import asynccontextmanager
from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.telemetry import TelemetryConfig
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from chiiki_common.auth import JWKSSource, TokenVerifier, authenticate
from chiiki_common.db import (
    create_engine,
    create_read_engine,
    read_session_factory,
    session_factory,
)
from chiiki_common.errors import (
    PROBLEM_RESPONSES,
    RETRY_AFTER_SECONDS,
    install_problem_handlers,
    problem_response,
)
from chiiki_common.input_guard import ControlCharacterGuard
from chiiki_common.logging import RequestContextMiddleware, configure_logging
from chiiki_common.outbox import stop_listening
from chiiki_common.settings import ServiceSettings

Hook = Callable[[FastAPI], Awaitable[None]]


def operation_id(route: APIRoute) -> str:
    """Stable operation ids (``plans-list_plans``) so the generated client reads well."""
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


def build_verifier(settings: ServiceSettings) -> TokenVerifier:
    source = JWKSSource(
        url=settings.jwks_url,
        path=None if settings.jwks_url else settings.jwks_file,
        max_age_seconds=settings.jwks_max_age_seconds,
    )
    return TokenVerifier(
        source=source,
        issuer=settings.jwt_issuer,
        audience=settings.audience,
        algorithms=frozenset(a.strip() for a in settings.jwt_algorithms.split(",")),
    )


health_router = APIRouter(tags=["health"])


@health_router.get("/healthz", summary="プロセスの稼働確認")
async def healthz() -> dict[str, str]:
    """Liveness: the process answers."""
    return {"status": "ok"}


@health_router.get("/readyz", summary="データベースを含む準備状況の確認", response_model=None)
async def readyz(request: Request) -> dict[str, str] | JSONResponse:
    """Readiness: the service's own database answers."""
    try:
        async with request.app.state.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
    except Exception:  # any database failure means not ready
        return problem_response(
            request,
            503,
            slug="not-ready",
            title="データベースに接続できません",
            headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
        )
    return {"status": "ready"}


NO_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}
"""The platform logs through structlog and runs no OpenTelemetry; left on, FastAPI's native
telemetry looks for a configured provider on every request (measured: 4 % of a registry lookup)."""


def create_service_app(
    settings: ServiceSettings,
    *,
    title: str,
    description: str = "",
    routers: Sequence[APIRouter] = (),
    public_routers: Sequence[APIRouter] = (),
    on_startup: Sequence[Hook] = (),
    on_shutdown: Sequence[Hook] = (),
    verifier: TokenVerifier | None = None,
    root_path_prefix: str = "",
) -> FastAPI:
    configure_logging(
        service=settings.service_name, json=settings.log_json, level=settings.log_level
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if verifier is None:
            app.state.token_verifier.source.refresh(force=True)
        for hook in on_startup:
            await hook(app)
        try:
            yield
        finally:
            for hook in on_shutdown:
                await hook(app)
            await stop_listening(app.state.engine)
            await app.state.engine.dispose()
            await app.state.read_engine.dispose()

    app = FastAPI(
        title=title,
        description=description,
        version="1.0.0",
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        telemetry=NO_TELEMETRY,
        docs_url="/docs" if not settings.is_production else None,
        redoc_url=None,
    )
    app.state.settings = settings
    # The engine connects lazily, so it is made with the app: requests work even where a harness
    # does not run the lifespan (the lifespan disposes of it).
    url, pool_size = settings.database_url, settings.database_pool_size
    use_engine(
        app,
        create_engine(url, pool_size=pool_size),
        None if ":memory:" in url else create_read_engine(url, pool_size=pool_size),
    )
    app.state.token_verifier = verifier or build_verifier(settings)
    install_problem_handlers(app)
    app.add_middleware(ControlCharacterGuard)
    app.add_middleware(RequestContextMiddleware, log_requests=settings.log_requests)
    app.include_router(health_router)
    for router in public_routers:
        app.include_router(router, prefix=root_path_prefix, responses=PROBLEM_RESPONSES)
    for router in routers:
        app.include_router(
            router,
            prefix=root_path_prefix,
            dependencies=[Depends(authenticate)],
            responses=PROBLEM_RESPONSES,
        )
    return app


def use_engine(app: FastAPI, engine: AsyncEngine, read_engine: AsyncEngine | None = None) -> None:
    app.state.engine = engine
    app.state.read_engine = read_engine or engine
    app.state.sessionmaker = session_factory(engine)
    app.state.read_sessionmaker = read_session_factory(read_engine or engine)


def _depends_on(dependant: Any, target: Callable[..., Any]) -> bool:
    return any(d.call is target or _depends_on(d, target) for d in dependant.dependencies)


def _sync_calls(dependant: Any) -> Iterator[str]:
    for sub in dependant.dependencies:
        call = sub.call
        if call is not None and not (
            inspect.iscoroutinefunction(call) or inspect.isasyncgenfunction(call)
        ):
            yield f"{call.__module__}.{call.__qualname__}"
        yield from _sync_calls(sub)


def threadpool_dependencies(app: FastAPI) -> set[str]:
    """Route dependencies FastAPI would run in its thread pool (plain ``def``): each costs every
    request a round trip through a worker thread, so the services declare theirs ``async``."""
    found: set[str] = set()
    for context in iter_route_contexts(app.routes):
        if isinstance(context.original_route, APIRoute) and context.dependant is not None:
            found.update(_sync_calls(context.dependant))
    return found


def route_inventory(app: FastAPI) -> list[tuple[str, frozenset[str], bool]]:
    """Every API route (included routers walked) with its methods and whether it requires a
    verified token."""
    inventory = []
    for context in iter_route_contexts(app.routes):
        if not isinstance(context.original_route, APIRoute):
            continue
        dependant = context.dependant
        guarded = dependant is not None and _depends_on(dependant, authenticate)
        inventory.append((context.path or "", frozenset(context.methods or ()), guarded))
    return inventory


def state(request: Request, name: str) -> Any:
    return getattr(request.app.state, name)
