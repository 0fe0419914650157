"""A real scoring-api process refusing spreadsheet bombs: its /healthz keeps answering within a
second while a bomb is being read, and its own memory barely moves (the parsing happens in a
worker process)."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from scoring_api import MIGRATIONS
from tests.fixtures import spreadsheets as hostile
from tests.fixtures.auth import TokenFactory
from tests.fixtures.databases import DatabaseFactory
from tests.scoring_api.factories import KUMAMOTO, create_company

HEALTH_BOUND_SECONDS = 1.0
SERVICE_GROWTH_BOUND = 100 * 1024 * 1024
"""Peak resident memory the service process may gain over its baseline while refusing a bomb."""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _status(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise AssertionError(f"{field} not in /proc/{pid}/status")


def _reset_peak(pid: int) -> None:
    """Linux: writing 5 to clear_refs resets the process's peak resident memory (VmHWM) to now."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


@pytest.fixture
def service(
    backend: str, database_factory: DatabaseFactory, tokens: TokenFactory, tmp_path: Path
) -> Iterator[tuple[str, int]]:
    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps(tokens.signer.jwks()))
    port = _free_port()
    env = {
        **os.environ,
        "SCORING_DATABASE_URL": database_factory.fresh(backend, "scoring_api", MIGRATIONS),
        "SCORING_JWKS_FILE": str(jwks),
        "SCORING_ATTACHMENT_FOLDER": str(tmp_path / "attachments"),
        "SCORING_ENVIRONMENT": "test",
        "SCORING_LOG_REQUESTS": "false",
        "SCORING_SELECTION_RETRY_SECONDS": "3600",
    }
    process = subprocess.Popen(
        [
            *(sys.executable, "-m", "uvicorn", "scoring_api.app:create_app", "--factory"),
            *("--host", "127.0.0.1", "--port", str(port)),
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert process.poll() is None, "scoring-api did not start"
            time.sleep(0.1)
        else:
            raise AssertionError("scoring-api did not answer /healthz within 30 s")
        yield base, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


async def _health_while(
    client: httpx.AsyncClient, upload: asyncio.Task[httpx.Response]
) -> list[float]:
    latencies = []
    while not upload.done():
        started = time.perf_counter()
        response = await client.get("/healthz")
        latencies.append(time.perf_counter() - started)
        assert response.status_code == 200
        await asyncio.sleep(0.05)
    return latencies


BOMBS = {
    # refused by the archive check: the answer comes fast
    "zip-bomb": (hostile.zip_bomb(), "圧縮率が上限"),
    # passes the archive check (it compresses only ~6 times) and is read for seconds in the worker
    "a-million-shared-strings": (
        hostile.xlsx(
            {"Sheet1": hostile.sheet_xml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>')},
            shared_strings=hostile.shared_strings_xml(1_000_001),
        ),
        "共有文字列の数が上限",
    ),
}


@pytest.mark.parametrize("bomb", list(BOMBS))
async def test_health_answers_within_a_second_and_memory_stays_flat_while_a_bomb_is_refused(
    service: tuple[str, int], tokens: TokenFactory, bomb: str
) -> None:
    base, pid = service
    editor = tokens.prefecture(KUMAMOTO, "editor")
    data, title = BOMBS[bomb]
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        number = await create_company(client, editor, 1)
        warm_up = await client.post(
            "/api/scoring/figures/import",
            files={"file": ("warm.xlsx", hostile.table([["法人番号"], [number]]))},
            headers=editor,
        )
        assert warm_up.status_code == 422  # columns missing: the whole path has run once
        baseline = _status(pid, "VmRSS")
        _reset_peak(pid)
        upload = asyncio.create_task(
            client.post(
                "/api/scoring/figures/import",
                files={"file": ("bomb.xlsx", data)},
                headers=editor,
            )
        )
        latencies = await _health_while(client, upload)
        response = await upload
        growth = _status(pid, "VmHWM") - baseline
        figures = await client.get(f"/api/scoring/companies/{number}/figures", headers=editor)
    assert response.status_code == 422
    assert title in response.json()["title"]
    assert latencies, "the bomb was refused before /healthz could be asked"
    assert max(latencies) < HEALTH_BOUND_SECONDS
    assert growth < SERVICE_GROWTH_BOUND
    assert figures.json() == []
