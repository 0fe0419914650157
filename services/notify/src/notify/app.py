"""The notify application: ``create_app()`` is the factory uvicorn and the tests call."""

from __future__ import annotations

from chiiki_common.app import create_service_app
from chiiki_common.auth import TokenVerifier
from fastapi import FastAPI

from notify.settings import Settings


def create_app(
    settings: Settings | None = None, *, verifier: TokenVerifier | None = None
) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        settings,
        title="notify",
        description="期限カレンダー、リマインダー、イベント通知、確実なメール配信",
        routers=[],
        public_routers=[],
        verifier=verifier,
    )
