"""The scoring-api application: ``create_app()`` is the factory uvicorn and the tests call."""

from __future__ import annotations

import asyncio

from fastapi import FastAPI

from chiiki_common.app import create_service_app
from chiiki_common.auth import TokenVerifier
from scoring_api.attachments.endpoints import router as attachments_router
from scoring_api.calls.endpoints import router as calls_router
from scoring_api.companies.endpoints import router as companies_router
from scoring_api.internal.endpoints import router as internal_router
from scoring_api.reference.endpoints import router as reference_router
from scoring_api.scores.endpoints import router as scores_router
from scoring_api.selection import tasks as selection_tasks
from scoring_api.selection.client import PlansConnection
from scoring_api.settings import Settings

PUBLIC_PATHS: tuple[str, ...] = ()
"""No route of scoring-api answers without a token."""


def create_app(
    settings: Settings | None = None, *, verifier: TokenVerifier | None = None
) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        settings,
        title="scoring-api",
        description="企業と様式2の数値、コネクター度・ハブ度、参考リスト、重点支援企業の公募と選定",
        routers=[
            companies_router,
            scores_router,
            reference_router,
            calls_router,
            attachments_router,
            internal_router,
        ],
        public_routers=[],
        on_startup=[selection_tasks.start],
        on_shutdown=[selection_tasks.stop],
        verifier=verifier,
    )
    app.state.plans = PlansConnection(settings)
    app.state.selection_lock = asyncio.Lock()
    return app
