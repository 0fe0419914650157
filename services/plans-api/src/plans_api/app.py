"""The plans-api application: ``create_app()`` is the factory uvicorn and the tests call."""

from __future__ import annotations

from chiiki_common.app import create_service_app
from chiiki_common.auth import TokenVerifier
from fastapi import FastAPI

from plans_api.settings import Settings


def create_app(
    settings: Settings | None = None, *, verifier: TokenVerifier | None = None
) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        settings,
        title="plans-api",
        description="地域産業成長プラン(B・C)、KGI/KPI、事前確認から公表までのワークフロー、省庁向けレジストリ、様式の出力",
        routers=[],
        public_routers=[],
        verifier=verifier,
    )
