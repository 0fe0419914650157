"""A hanging test fails the suite instead of holding it: the suite's configuration gives each test
a time limit (pytest-timeout), and a test that outlives it is reported as failed with its stack."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_suite_gives_every_test_a_time_limit() -> None:
    options = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert options["tool"]["pytest"]["ini_options"]["timeout"] == 300


def test_a_test_that_outlives_the_limit_fails_and_the_next_one_runs(tmp_path: Path) -> None:
    (tmp_path / "test_hang.py").write_text(
        "import time\ndef test_hangs():\n    time.sleep(30)\ndef test_after():\n    assert True\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-o", "timeout=1", "-q"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=25,
        check=False,
    )
    assert result.returncode == 1, result.stdout
    assert "Timeout" in result.stdout
    assert "1 failed, 1 passed" in result.stdout
