"""Carrying out the rounds' scheduled publications: at startup and every
``publication_poll_seconds`` (declared here, beside the work). The schedule is a database row, so a
publication due while the service was down happens when it comes back."""

from __future__ import annotations

import asyncio
import contextlib

import structlog
from fastapi import FastAPI

from plans_api.rounds.service import publish_due

log = structlog.get_logger("plans.rounds")


async def _loop(app: FastAPI, stopping: asyncio.Event) -> None:
    interval = app.state.settings.publication_poll_seconds
    while not stopping.is_set():
        try:
            await publish_due(app.state.sessionmaker)
        except Exception:  # retried on the next tick; the loop must not die
            log.exception("plans.rounds.publication_failed")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stopping.wait(), timeout=interval)


async def start(app: FastAPI) -> None:
    app.state.publication_stopping = asyncio.Event()
    app.state.publication_task = asyncio.create_task(_loop(app, app.state.publication_stopping))


async def stop(app: FastAPI) -> None:
    """Let a publication under way finish its transaction, then end the loop."""
    task: asyncio.Task[None] | None = getattr(app.state, "publication_task", None)
    if task is not None:
        app.state.publication_stopping.set()
        await task
