"""Replicas that start their migrations at the same moment: one runs them, the others wait and find
the database at head (PostgreSQL advisory lock held for the migration's transaction)."""

from __future__ import annotations

import asyncio
import importlib
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import pytest

from chiiki_common.migrations import run_in_thread
from tests.fixtures.databases import DatabaseFactory

SERVICES = ["gateway", "plans_api", "scoring_api", "notify"]


async def _heads(url: str) -> list[str]:
    connection = await asyncpg.connect(url.replace("postgresql+asyncpg", "postgresql"))
    try:
        return [row[0] for row in await connection.fetch("SELECT version_num FROM alembic_version")]
    finally:
        await connection.close()


@pytest.mark.postgres
@pytest.mark.parametrize("package_name", SERVICES)
def test_simultaneous_migrations_run_once(
    database_factory: DatabaseFactory,
    pg_unavailable: str | None,
    package_name: str,
    tmp_path: Path,
) -> None:
    if pg_unavailable:
        pytest.skip(pg_unavailable)
    package = importlib.import_module(package_name)
    url = database_factory.empty("postgresql", f"lock_{package_name}")
    # Separate processes, as replicas are (Alembic's context is one per process). Each waits for
    # a start file so that all of them begin at the same moment.
    go = tmp_path / "go"
    script = (
        "import sys, time, pathlib\n"
        "from chiiki_common.migrations import upgrade\n"
        f"go = pathlib.Path({str(go)!r})\n"
        "while not go.exists(): time.sleep(0.01)\n"
        f"upgrade({package.MIGRATIONS!r}, {url!r})\n"
    )
    replicas = [
        subprocess.Popen([sys.executable, "-c", script], stderr=subprocess.PIPE, text=True)
        for _ in range(4)
    ]
    time.sleep(1.5)  # every interpreter has started and waits for the start file
    go.touch()
    outcomes = [(replica.wait(timeout=120), replica.stderr.read()) for replica in replicas]  # type: ignore[union-attr]

    assert [code for code, _ in outcomes] == [0, 0, 0, 0], [err for _, err in outcomes]
    assert len(run_in_thread(lambda: asyncio.run(_heads(url)))) == 1
