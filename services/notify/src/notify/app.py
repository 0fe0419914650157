"""The notify application: ``create_app()`` is the factory uvicorn and the tests call.

With ``NOTIFY_RUN_WORKER=true`` the scheduler, event consumer and delivery loops run inside the
app as lifespan tasks; otherwise ``chiiki-notify run-worker`` runs them as a process of its own.
"""

from __future__ import annotations

import asyncio

from fastapi import FastAPI

from chiiki_common.app import create_service_app
from chiiki_common.auth import TokenVerifier
from notify.deadlines.endpoints import router as deadlines_router
from notify.mail.endpoints import router as mail_router
from notify.preferences.endpoints import router as preferences_router
from notify.scheduling import TaskContext, run_all
from notify.settings import Settings
from notify.upstream import build_upstream

PUBLIC_PATHS: tuple[str, ...] = ()


def create_app(
    settings: Settings | None = None, *, verifier: TokenVerifier | None = None
) -> FastAPI:
    settings = settings or Settings()

    async def start_worker(app: FastAPI) -> None:
        if not settings.run_worker:
            return
        upstream = build_upstream(settings)
        stop = asyncio.Event()
        context = TaskContext(
            settings=settings, sessionmaker=app.state.sessionmaker, upstream=upstream
        )
        app.state.worker = (stop, asyncio.create_task(run_all(context, stop)), upstream)

    async def stop_worker(app: FastAPI) -> None:
        worker = getattr(app.state, "worker", None)
        if worker is None:
            return
        stop, task, upstream = worker
        stop.set()
        await task
        await upstream.aclose()

    return create_service_app(
        settings,
        title="notify",
        description="期限カレンダー、リマインダー、イベント通知、確実なメール配信",
        routers=[deadlines_router, preferences_router, mail_router],
        public_routers=[],
        on_startup=[start_worker],
        on_shutdown=[stop_worker],
        verifier=verifier,
    )
