"""Pushing pending selections to plans-api: after the deciding request commits, at startup, and
every ``selection_retry_seconds`` (declared here, beside the work).

plans-api's ``POST /internal/plans/{plan_id}/core-companies`` is idempotent per corporate number, so
a push repeated after a crash between plans-api's answer and our commit adds the company once.
Each selection is claimed in its own transaction (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, so
replicas never push the same row at the same time) and stays ``pending`` until plans-api has it,
or becomes ``refused`` when plans-api says it never will (the plan was published or withdrawn, or
is no B plan of the call's prefecture); a plan in pre-check review takes it after the review.

What is sent is what the plan publishes: the name, the role and the scale (an employee band or the
prefecture's wording), never a 様式2 amount nor the 投資の具体像 of the application.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import Any, Literal

import httpx
import structlog
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from chiiki_common.errors import ProblemError
from chiiki_common.validators import prefecture_code
from scoring_api.models import Selection
from scoring_api.selection import repository
from scoring_api.selection.client import PlansConnection, selection_target

log = structlog.get_logger("scoring.selection")

BATCH = 100


@dataclass(frozen=True)
class PushOutcome:
    status: Literal["pending", "done", "refused"]
    effect: str | None = None
    error: str | None = None


def _body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _problem_text(response: httpx.Response) -> str:
    """Why plans-api did not take the company, in words for the prefecture's staff (never a code)."""
    body = _body(response)
    text = body.get("detail") or body.get("title")
    if response.status_code >= 500:
        lead = "計画の管理機能が一時的に応答できませんでした(自動で再送します)"
    else:
        lead = "計画の管理機能が受け付けませんでした"
    suffix = f":{text}" if isinstance(text, str) and text else ""
    return f"{lead}{suffix}"[:500]


async def _push_one(
    client: httpx.AsyncClient, connection: PlansConnection, selection: Selection, prefecture: str
) -> PushOutcome:
    try:
        response = await client.post(
            f"/internal/plans/{selection.plan_id}/core-companies",
            json={
                "corporate_number": selection.corporate_number,
                "name": selection.name,
                "prefecture_code": prefecture_code(prefecture),
                "role": selection.role,
                "scale": selection.scale,
                "support_target": True,
            },
        )
    except httpx.HTTPError:
        return PushOutcome("pending", error="計画の管理機能に接続できません")
    if response.is_success:
        return PushOutcome("done", effect=_body(response).get("effect"))
    error = _problem_text(response)
    if response.status_code in (404, 422):
        return PushOutcome("refused", error=error)
    if response.status_code == 409:
        # in review (taken after the review) or published / withdrawn (never): plans-api says which
        try:
            target = await selection_target(connection, selection.plan_id, prefecture)
        except ProblemError:
            return PushOutcome("pending", error=error)
        if not target.retryable:
            return PushOutcome("refused", error=error)
    return PushOutcome("pending", error=error)


async def push_pending(
    sessionmaker: async_sessionmaker[AsyncSession], connection: PlansConnection
) -> int:
    """Push every pending selection once; returns how many plans-api accepted."""
    pushed, last_id = 0, 0
    async with connection.client() as client:
        for _ in range(BATCH):
            async with sessionmaker() as session, session.begin():
                claimed = await repository.claim_next(session, last_id)
                if claimed is None:
                    break
                selection, prefecture = claimed
                last_id = selection.id
                outcome = await _push_one(client, connection, selection, prefecture)
                selection.attempts += 1
                selection.status = outcome.status
                selection.last_error = outcome.error
                if outcome.status == "done":
                    selection.effect = outcome.effect
                    selection.pushed_at = clock.now()
                    pushed += 1
                    log.info(
                        "scoring.selection.pushed",
                        selection=selection.id,
                        plan=selection.plan_id,
                        effect=outcome.effect,
                    )
                else:
                    log.warning(
                        f"scoring.selection.{outcome.status}",
                        selection=selection.id,
                        error=outcome.error,
                    )
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
