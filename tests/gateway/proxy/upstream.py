"""A tiny upstream service that echoes what reached it, served over real HTTP in the tests."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse

PLANS_PREFIXES = ("/api/plans", "/registry/v1", "/public/v1")


def echo_app(
    name: str = "plans-api",
    *,
    prefixes: tuple[str, ...] = PLANS_PREFIXES,
    delay_seconds: float = 2.0,
) -> FastAPI:
    app = FastAPI(title=name)

    async def echo(request: Request) -> dict[str, Any]:
        return {
            "service": name,
            "method": request.method,
            "path": request.url.path,
            "query": request.url.query,
            "headers": dict(request.headers.items()),
            "body": (await request.body()).decode(),
        }

    @app.get("/api/plans/slow", tags=["slow"])
    async def slow() -> dict[str, str]:
        await asyncio.sleep(delay_seconds)
        return {"status": "late"}

    @app.get("/public/v1/large", tags=["large"])
    async def large() -> StreamingResponse:
        async def chunks() -> AsyncIterator[bytes]:
            for n in range(64):
                yield bytes([65 + n % 26]) * 16384

        return StreamingResponse(chunks(), media_type="application/octet-stream")

    for prefix in prefixes:
        for method in ("GET", "POST", "PUT", "DELETE"):
            app.add_api_route(
                prefix + "/{rest:path}",
                echo,
                methods=[method],
                tags=[name],
                operation_id=f"{method.lower()}{prefix.replace('/', '_')}",
            )

    @app.get("/internal/events", tags=["internal"])
    async def internal_events() -> list[int]:
        return []

    @app.get("/healthz", tags=["health"])
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
