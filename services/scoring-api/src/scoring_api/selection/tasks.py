"""Pushing pending selections to plans-api: after the deciding request commits, at startup, and
every ``selection_retry_seconds`` (declared here, beside the work).

plans-api's ``POST /internal/plans/{plan_id}/core-companies`` is idempotent per corporate number, so
a push repeated after a crash between plans-api's answer and our commit adds the company once.
Each selection is claimed in its own transaction (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so
replicas never push the same row at the same time) and stays ``pending`` until plans-api has it.
"""

from __future__ import annotations

import asyncio
import contextlib

import httpx
import structlog
from fastapi import FastAPI
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from scoring_api.models import Selection
from scoring_api.selection.client import PlansConnection

log = structlog.get_logger("scoring.selection")

BATCH = 100


async def _claim_next(session: AsyncSession, after_id: int) -> Selection | None:
    query = (
        select(Selection)
        .where(Selection.status == "pending", Selection.id > after_id)
        .order_by(Selection.id)
        .limit(1)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    return await session.scalar(query)


async def _push_one(client: httpx.AsyncClient, selection: Selection) -> str | None:
    """None when plans-api has the company, else why not (kept for the staff to see)."""
    try:
        response = await client.post(
            f"/internal/plans/{selection.plan_id}/core-companies",
            json={
                "corporate_number": selection.corporate_number,
                "name": selection.name,
                "role": selection.role,
                "scale": selection.scale,
            },
        )
    except httpx.HTTPError as exc:
        return f"plans-api に接続できません: {exc.__class__.__name__}"
    if response.is_success:
        return None
    return f"plans-api が {response.status_code} を返しました"


async def push_pending(
    sessionmaker: async_sessionmaker[AsyncSession], connection: PlansConnection
) -> int:
    """Push every pending selection once; returns how many plans-api accepted."""
    pushed, last_id = 0, 0
    async with connection.client() as client:
        for _ in range(BATCH):
            async with sessionmaker() as session, session.begin():
                selection = await _claim_next(session, last_id)
                if selection is None:
                    break
                last_id = selection.id
                error = await _push_one(client, selection)
                selection.attempts += 1
                selection.last_error = error
                if error is None:
                    selection.status = "done"
                    selection.pushed_at = clock.now()
                    pushed += 1
                    log.info(
                        "scoring.selection.pushed", selection=selection.id, plan=selection.plan_id
                    )
                else:
                    log.warning("scoring.selection.pending", selection=selection.id, error=error)
    return pushed


async def push_now(app: FastAPI) -> None:
    """Push pending selections, one pusher per process at a time; never raises."""
    async with app.state.selection_lock:
        try:
            await push_pending(app.state.sessionmaker, app.state.plans)
        except Exception:  # a failed round is retried by the loop; the request must not fail
            log.exception("scoring.selection.push_failed")


async def _retry_loop(app: FastAPI) -> None:
    interval = app.state.settings.selection_retry_seconds
    while True:
        await push_now(app)
        await asyncio.sleep(interval)


async def start(app: FastAPI) -> None:
    app.state.selection_task = asyncio.create_task(_retry_loop(app))


async def stop(app: FastAPI) -> None:
    task: asyncio.Task[None] | None = getattr(app.state, "selection_task", None)
    if task is not None:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
