"""An aiosqlite connection that SQLAlchemy terminates while its task is cancelled (a worker
stopped mid-query, a server shutting down) closes once and leaves no task behind: such a task
waited forever for a thread that was gone, and the event loop's shutdown waited with it (seen: a
notify worker test whose teardown never ended, holding the whole suite)."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.util import greenlet_spawn

from chiiki_common.db import create_engine

SECONDS = 5.0
"""Far more than a close takes; the hang this guards against is forever."""


async def _adapted_connection(tmp_path: Path) -> tuple[Any, Any]:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'service.db'}")
    connection = await engine.connect()
    await connection.execute(text("SELECT 1"))
    raw = await connection.get_raw_connection()
    return engine, raw.dbapi_connection


def _closing_tasks() -> set[asyncio.Task[Any]]:
    return {
        task
        for task in asyncio.all_tasks()
        if task is not asyncio.current_task() and "close" in task.get_coro().__qualname__
    }


async def test_a_terminate_cancelled_midway_leaves_no_task_waiting(tmp_path: Path) -> None:
    engine, adapted = await _adapted_connection(tmp_path)
    thread = adapted._connection._thread
    terminating = asyncio.ensure_future(greenlet_spawn(adapted.terminate))
    await asyncio.sleep(0)  # terminate() has started its graceful close and waits for it
    terminating.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await terminating  # cancelled: terminate() force-closes and lets the cancellation through
    left = _closing_tasks()
    assert left, "the graceful close runs on in its own task"
    _, pending = await asyncio.wait(left, timeout=SECONDS)
    assert not pending, "a close is still waiting for a thread that is gone"
    thread.join(SECONDS)
    assert not thread.is_alive()
    await engine.dispose()


async def test_a_graceful_close_after_a_forced_one_returns(tmp_path: Path) -> None:
    engine, adapted = await _adapted_connection(tmp_path)
    thread = adapted._connection._thread
    adapted._terminate_force_close()
    await asyncio.wait_for(adapted._terminate_graceful_close(), SECONDS)
    thread.join(SECONDS)
    assert not thread.is_alive()
    await engine.dispose()


async def test_a_graceful_close_completes_what_was_queued_and_ends_the_thread(
    tmp_path: Path,
) -> None:
    engine, adapted = await _adapted_connection(tmp_path)
    thread = adapted._connection._thread
    await asyncio.wait_for(adapted._terminate_graceful_close(), SECONDS)
    thread.join(SECONDS)
    assert not thread.is_alive()
    await engine.dispose()
