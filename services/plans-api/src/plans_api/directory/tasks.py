"""Reading the gateway's directory into plans-api: at startup and every
``directory_sync_seconds``, again after ``directory_retry_seconds`` when the gateway did not answer
(at the one-command start plans-api may be up before it). Without a service client (no
``PLANS_SERVICE_CLIENT_ID``) the directory cannot be read, and the names already kept stay."""

from __future__ import annotations

import asyncio
import contextlib

import httpx
import structlog
from fastapi import FastAPI

from plans_api.directory.client import DirectoryConnection
from plans_api.directory.service import sync

log = structlog.get_logger("plans.directory")


async def _loop(app: FastAPI, stopping: asyncio.Event) -> None:
    settings = app.state.settings
    directory: DirectoryConnection = app.state.directory
    while not stopping.is_set():
        interval = settings.directory_sync_seconds
        try:
            await sync(app.state.sessionmaker, directory)
        except (httpx.HTTPError, ValueError) as exc:
            log.warning("plans.directory.sync_failed", error=type(exc).__name__)
            interval = min(interval, settings.directory_retry_seconds)
        except Exception:  # retried on the next tick; the loop must not die
            log.exception("plans.directory.sync_failed")
            interval = min(interval, settings.directory_retry_seconds)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), timeout=interval)


async def start(app: FastAPI) -> None:
    app.state.directory = getattr(app.state, "directory", None) or DirectoryConnection(
        app.state.settings
    )
    app.state.directory_stopping = asyncio.Event()
    settings = app.state.settings
    if settings.directory_sync_seconds > 0 and settings.service_client_id:
        app.state.directory_task = asyncio.create_task(_loop(app, app.state.directory_stopping))


async def stop(app: FastAPI) -> None:
    task: asyncio.Task[None] | None = getattr(app.state, "directory_task", None)
    if task is not None:
        app.state.directory_stopping.set()
        await task
