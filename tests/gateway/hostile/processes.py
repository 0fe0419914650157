"""Real gateway processes (``chiiki-gateway serve``, uvicorn) on loopback ports, for the tests that
need what only a real server shows: its socket timeouts, and several processes on one database."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import httpx

from tests.gateway.conftest import CHEAP_ARGON2, CLOSED_PORT_URL, free_port

START_TIMEOUT_SECONDS = 60.0


def gateway_environment(database_url: str, workdir: Path, **overrides: str) -> dict[str, str]:
    """The environment of a gateway process on ``database_url`` (upstreams down, cheap argon2)."""
    env = {
        **os.environ,
        "PYTHONUNBUFFERED": "1",
        "GATEWAY_DATABASE_URL": database_url,
        "GATEWAY_ENVIRONMENT": "test",
        "GATEWAY_JWKS_FILE": str(workdir / "jwks.json"),
        "GATEWAY_SPA_DIR": str(workdir / "no-spa"),
        "GATEWAY_PLANS_URL": CLOSED_PORT_URL,
        "GATEWAY_SCORING_URL": CLOSED_PORT_URL,
        "GATEWAY_NOTIFY_URL": CLOSED_PORT_URL,
        "GATEWAY_LOG_REQUESTS": "false",
        "GATEWAY_KEYS_RELOAD_SECONDS": "3600",
    }
    env.update({f"GATEWAY_{name.upper()}": str(value) for name, value in CHEAP_ARGON2.items()})
    env.update({f"GATEWAY_{name.upper()}": value for name, value in overrides.items()})
    return env


@contextmanager
def gateway_process(
    env: dict[str, str], workdir: Path, serve_args: Sequence[str] = ()
) -> Iterator[str]:
    """``chiiki-gateway serve`` on a free loopback port until ``/readyz`` answers; yields its base
    URL and stops the process (SIGTERM, then SIGKILL) at the end."""
    port = free_port()
    log_path = workdir / f"gateway-{port}.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "gateway.cli", "serve", "--port", str(port), *serve_args],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base_url = f"http://127.0.0.1:{port}"
        try:
            _wait_until_ready(process, base_url, log_path)
            yield base_url
        finally:
            process.terminate()
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=20)


def _wait_until_ready(process: subprocess.Popen[bytes], base_url: str, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the gateway stopped:\n{log_path.read_text()[-4000:]}")
        try:
            if httpx.get(f"{base_url}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"the gateway did not start in time:\n{log_path.read_text()[-4000:]}")
