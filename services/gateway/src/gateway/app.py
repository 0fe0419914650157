"""The gateway application: ``create_app()`` is the factory uvicorn and the tests call.

Middleware, outermost first: the client address (``X-Forwarded-For`` only from a trusted proxy),
security headers, request id and the one log line per request, the per-address limit of the
anonymous routes, the reverse proxy (pure ASGI, before any routing), then the gateway's own routes.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiohttp
import structlog
from fastapi import Depends, FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from chiiki_common.app import NO_TELEMETRY, health_router, operation_id
from chiiki_common.db import create_engine, session_factory
from chiiki_common.errors import install_problem_handlers
from chiiki_common.input_guard import ControlCharacterGuard
from chiiki_common.logging import RequestContextMiddleware, configure_logging
from gateway.admin.endpoints import router as admin_router
from gateway.directory.endpoints import router as directory_router
from gateway.openapi.endpoints import docs_router
from gateway.openapi.endpoints import public_router as openapi_router
from gateway.openapi.merge import OpenAPICache
from gateway.passwords import Passwords
from gateway.proxy.middleware import ProxyMiddleware
from gateway.ratelimit.service import (
    AddressBuckets,
    AddressRateLimitMiddleware,
    Bucket,
    LocalTokenBucket,
    SharedTokenBucket,
)
from gateway.runtime import Gateway
from gateway.security_headers import SecurityHeadersMiddleware
from gateway.sessions.auth import current_caller
from gateway.sessions.endpoints import public_router as login_router
from gateway.sessions.endpoints import router as session_router
from gateway.sessions.store import SessionStore
from gateway.settings import Settings
from gateway.spa import spa_router
from gateway.throttle.memory import MemoryFailureStore
from gateway.throttle.repository import DatabaseFailureStore
from gateway.throttle.service import AuthThrottle, FailureStore
from gateway.tokens.endpoints import public_router as token_router
from gateway.tokens.keyring import KeyRing

log = structlog.get_logger("gateway.app")

PUBLIC_PATHS = (
    "/auth/login",
    "/auth/token",
    "/.well-known/jwks.json",
    "/openapi.json",
    "/docs",
    "/public/v1",
    "/{path:path}",
)
"""Routes that need no login: login, client credentials, the keys, the API document, the public
API (proxied) and the SPA. Every other route carries :func:`current_caller`."""


async def _reload_keys(gateway: Gateway) -> None:
    """Pick up keys added by ``rotate-keys`` in another process."""
    while True:
        await asyncio.sleep(gateway.settings.keys_reload_seconds)
        try:
            await gateway.keys.load(gateway.maker)
        except Exception:  # keep serving with the keys we have
            log.exception("keys.reload_failed")


async def _prune_throttle(gateway: Gateway) -> None:
    """Delete failure counters that no longer count (every replica may; deleting twice is fine)."""
    while True:
        await asyncio.sleep(gateway.settings.throttle_prune_seconds)
        try:
            pruned = await gateway.throttle.prune()
            log.info("throttle.pruned", counters=pruned)
        except Exception:  # the next round tries again
            log.exception("throttle.prune_failed")


def _upstream_session(settings: Settings) -> aiohttp.ClientSession:
    """The one pooled client of the proxy path, with connect and read timeouts. It keeps no
    cookies: one session serves every caller, so a cookie an upstream set for one must never
    ride along on another's request."""
    return aiohttp.ClientSession(
        cookie_jar=aiohttp.DummyCookieJar(),
        connector=aiohttp.TCPConnector(
            limit=settings.upstream_pool_size, keepalive_timeout=30, ttl_dns_cache=300
        ),
        timeout=aiohttp.ClientTimeout(
            total=None,
            connect=settings.upstream_connect_timeout,
            sock_read=settings.upstream_timeout,
        ),
        auto_decompress=False,
        skip_auto_headers=("User-Agent", "Accept-Encoding", "Content-Type"),
    )


def _gateway(
    settings: Settings,
    engine: AsyncEngine,
    maker: async_sessionmaker[AsyncSession],
    keys: KeyRing,
    http: aiohttp.ClientSession,
) -> Gateway:
    store: FailureStore = (
        MemoryFailureStore()
        if settings.throttle_store == "memory"
        else DatabaseFailureStore(engine)
    )

    def bucket(name: str, rate: float, burst: int) -> Bucket:
        if settings.throttle_store == "memory":
            return LocalTokenBucket(rate, burst)
        return SharedTokenBucket(engine, name=name, rate=rate, burst=burst)

    return Gateway(
        settings=settings,
        engine=engine,
        maker=maker,
        passwords=Passwords(settings),
        keys=keys,
        verifier=keys.verifier("gateway"),
        sessions=SessionStore(
            maker,
            ttl_seconds=settings.session_cache_seconds,
            max_entries=settings.session_cache_size,
        ),
        throttle=AuthThrottle(store, settings),
        user_limits=bucket(
            "user", settings.rate_limit_user_per_second, settings.rate_limit_user_burst
        ),
        client_limits=bucket(
            "client", settings.rate_limit_client_per_second, settings.rate_limit_client_burst
        ),
        address_limits=AddressBuckets(
            public=bucket(
                "public", settings.rate_limit_public_per_second, settings.rate_limit_public_burst
            ),
            keys=bucket(
                "keys", settings.rate_limit_keys_per_second, settings.rate_limit_keys_burst
            ),
        ),
        http=http,
        openapi=OpenAPICache(
            settings.upstreams,
            ttl_seconds=settings.openapi_cache_seconds,
            timeout=settings.openapi_fetch_timeout,
        ),
    )


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging(
        service=settings.service_name, json=settings.log_json, level=settings.log_level
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        engine = create_engine(settings.database_url, pool_size=settings.database_pool_size)
        try:
            maker = session_factory(engine)
            keys = KeyRing(issuer=settings.jwt_issuer, jwks_file=settings.jwks_file)
            await keys.load(maker)
            async with _upstream_session(settings) as http:
                gateway = _gateway(settings, engine, maker, keys, http)
                app.state.gateway = gateway
                app.state.engine = engine
                app.state.sessionmaker = maker
                tasks = [
                    asyncio.create_task(_reload_keys(gateway)),
                    asyncio.create_task(_prune_throttle(gateway)),
                ]
                try:
                    yield
                finally:
                    for task in tasks:
                        task.cancel()
                        with contextlib.suppress(asyncio.CancelledError):
                            await task
        finally:
            await engine.dispose()

    app = FastAPI(
        title="地域産業成長プラン プラットフォーム API",
        description=(
            "ゲートウェイ: ログイン、マシンクライアントのトークン発行、公開鍵、利用者管理、"
            "および plans-api・scoring-api・notify への中継"
        ),
        version="1.0.0",
        lifespan=lifespan,
        generate_unique_id_function=operation_id,
        telemetry=NO_TELEMETRY,
        openapi_url=None,
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    install_problem_handlers(app)
    app.add_middleware(ProxyMiddleware)
    app.add_middleware(AddressRateLimitMiddleware)
    app.add_middleware(ControlCharacterGuard)
    app.add_middleware(RequestContextMiddleware, log_requests=settings.log_requests)
    app.add_middleware(SecurityHeadersMiddleware, hsts=settings.environment != "development")
    # `serve` turns uvicorn's own (loopback-trusting) handling off: this is the only one
    app.add_middleware(
        ProxyHeadersMiddleware,
        trusted_hosts=[str(network) for network in settings.trusted_proxies],
    )
    app.include_router(health_router)
    for public in (login_router, token_router, openapi_router):
        app.include_router(public)
    if not settings.is_production:
        app.include_router(docs_router)
    for router in (session_router, admin_router, directory_router):
        app.include_router(router, dependencies=[Depends(current_caller)])
    spa_dir = Path(settings.spa_dir)
    if spa_dir.is_dir():
        app.include_router(spa_router(spa_dir))
    return app
