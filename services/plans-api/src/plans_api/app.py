"""The plans-api application: ``create_app()`` is the factory uvicorn and the tests call."""

from __future__ import annotations

from fastapi import FastAPI

from chiiki_common.app import create_service_app
from chiiki_common.auth import TokenVerifier
from plans_api.directory import tasks as directory_tasks
from plans_api.exports.endpoints import router as exports_router
from plans_api.internal.endpoints import router as internal_router
from plans_api.kpis.endpoints import router as kpis_router
from plans_api.models import PlanType
from plans_api.pdf.endpoints import public_router as pdf_public_router
from plans_api.pdf.endpoints import router as pdf_router
from plans_api.plans.endpoints import router as plans_router
from plans_api.proposals.endpoints import router as proposals_router
from plans_api.public.endpoints import router as public_router
from plans_api.reference.endpoints import router as reference_router
from plans_api.registry.endpoints import lean_lookup_route
from plans_api.registry.endpoints import router as registry_router
from plans_api.rollup.endpoints import router as rollup_router
from plans_api.rounds import tasks as round_tasks
from plans_api.rounds.endpoints import router as rounds_router
from plans_api.search.endpoints import router as search_router
from plans_api.settings import Settings
from plans_api.versions.endpoints import router as versions_router
from plans_api.workflow.endpoints import router as workflow_router

PUBLIC_PATHS: tuple[str, ...] = (
    "/public/v1/plans",
    "/public/v1/plans.csv",
    "/public/v1/plans/{plan_id}",
    "/public/v1/plans/{plan_id}/versions",
    "/public/v1/plans/{plan_id}/versions/{version}",
    "/public/v1/plans/{plan_id}/versions/{version}/items",
    "/public/v1/plans/{plan_id}.pdf",
    "/public/v1/plans/{plan_id}/versions/{version}.pdf",
    "/public/v1/plans/{plan_id}.csv",
    "/public/v1/plans/{plan_id}.xlsx",
    "/public/v1/plans/{plan_id}/versions/{version}.csv",
    "/public/v1/plans/{plan_id}/versions/{version}.xlsx",
    "/public/v1/reference/jsic",
    "/public/v1/reference/rounds",
    "/public/v1/catalog.json",
)
"""Routes that need no login (open data)."""


def create_app(
    settings: Settings | None = None, *, verifier: TokenVerifier | None = None
) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        settings,
        title="plans-api",
        description=(
            f"地域産業成長プラン(B・C)、{PlanType.A.label}の候補プロジェクト案件、KGI/KPI、"
            "事前確認から公表までのワークフロー、省庁向けレジストリ、様式の出力"
        ),
        routers=[
            workflow_router,
            kpis_router,
            exports_router,
            pdf_router,
            versions_router,
            reference_router,
            search_router,
            plans_router,
            rounds_router,
            rollup_router,
            proposals_router,
            registry_router,
            internal_router,
        ],
        public_routers=[pdf_public_router, public_router],
        on_startup=[round_tasks.start, directory_tasks.start],
        on_shutdown=[round_tasks.stop, directory_tasks.stop],
        verifier=verifier,
    )
    # the ministries' single lookup ahead of the routers: their matching and FastAPI's dependency
    # solving cost it a third of its CPU (registry.endpoints.lean_lookup_route)
    app.router.routes.insert(0, lean_lookup_route)
    return app
