"""Start the whole system in the background on private ports and a private data folder, for tests
and benchmarks; stop it again. Used by scripts/e2e.py, tests/e2e and benchmarks."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Stack:
    base_url: str
    var: Path
    port: int
    upstream_base: int
    smtp_port: int


@contextmanager
def running_stack(
    port: int = 18000,
    upstream_base: int = 18100,
    smtp_port: int = 18025,
    timeout: float = 180,
    environment: dict[str, str] | None = None,
) -> Iterator[Stack]:
    var = Path(tempfile.mkdtemp(prefix="chiiki-stack-"))
    log = (var / "stack.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "scripts" / "run.py"),
            "--quiet",
            "--port",
            str(port),
            "--upstream-base",
            str(upstream_base),
            "--smtp-port",
            str(smtp_port),
            "--var",
            str(var),
        ],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=log,
        text=True,
        start_new_session=True,
        env={**os.environ, **(environment or {}), "PYTHONUNBUFFERED": "1"},
    )
    try:
        deadline = time.monotonic() + timeout
        assert process.stdout is not None
        while True:
            line = process.stdout.readline()
            if line.strip() == "READY":
                break
            if (not line and process.poll() is not None) or time.monotonic() > deadline:
                log.flush()
                raise RuntimeError(
                    f"the stack did not start; see {var / 'stack.log'}:\n"
                    + (var / "stack.log").read_text()[-4000:]
                )
        yield Stack(f"http://127.0.0.1:{port}", var, port, upstream_base, smtp_port)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        log.close()
