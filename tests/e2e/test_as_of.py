"""The "as of" mode of the README (``CHIIKI_NOW`` with a running clock) across real processes: every
process reads the same clock, so the services accept the gateway's tokens and record that time."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from stack import Stack, running_stack

pytestmark = pytest.mark.e2e

AS_OF = datetime.fromisoformat("2026-05-20T09:00+09:00")


@pytest.fixture(scope="module")
def as_of_stack() -> Iterator[Stack]:
    with running_stack(
        port=18700,
        upstream_base=18710,
        smtp_port=18725,
        environment={"CHIIKI_NOW": AS_OF.isoformat()},
    ) as started:
        yield started


def test_a_stack_started_as_of_a_date_logs_in_reads_and_records_that_date(
    as_of_stack: Stack,
) -> None:
    with httpx.Client(base_url=as_of_stack.base_url, timeout=30) as client:
        login = client.post(
            "/auth/login",
            json={"email": "kumamoto-editor@demo.example.jp", "password": "Demo-2026!"},
        )
        assert login.status_code == 200, login.text
        csrf = login.json()["csrf_token"]

        plans = client.get("/api/plans")
        assert plans.status_code == 200, plans.text
        assert plans.json()["items"]

        created = client.post(
            "/api/plans",
            json={"plan_type": "C", "title": "研修用のプラン"},
            headers={"X-CSRF-Token": csrf},
        )
        assert created.status_code == 201, created.text
        created_at = datetime.fromisoformat(created.json()["created_at"])
        # The clock runs on from the start of the stack: minutes, not the real date.
        assert AS_OF <= created_at < AS_OF + timedelta(hours=1)
