"""The scoring-api application: ``create_app()`` is the factory uvicorn and the tests call."""

from __future__ import annotations

from chiiki_common.app import create_service_app
from chiiki_common.auth import TokenVerifier
from fastapi import FastAPI

from scoring_api.settings import Settings


def create_app(
    settings: Settings | None = None, *, verifier: TokenVerifier | None = None
) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        settings,
        title="scoring-api",
        description="企業と様式2の数値、コネクター度・ハブ度、参考リスト、重点支援企業の公募と選定",
        routers=[],
        public_routers=[],
        verifier=verifier,
    )
