"""The merged OpenAPI document of every route a client may call through the gateway."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse

from gateway.runtime import GatewayDep

public_router = APIRouter(tags=["openapi"])
docs_router = APIRouter(tags=["openapi"])


@public_router.get("/openapi.json", include_in_schema=False)
async def openapi_document(request: Request, gateway: GatewayDep) -> dict[str, Any]:
    """The gateway's own routes plus the published routes of plans-api, scoring-api and notify."""
    return await gateway.openapi.document(gateway.http, request.app.openapi())


@docs_router.get("/docs", include_in_schema=False)
async def api_reference() -> HTMLResponse:
    """Swagger UI over the merged document (its scripts come from a CDN, so no SPA CSP here)."""
    return get_swagger_ui_html(openapi_url="/openapi.json", title="地域産業成長プラン API")
