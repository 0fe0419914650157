"""Schemathesis against the running system through the gateway, with a logged-in national admin's
session: generated requests (valid and not) to every operation of the merged API document never get a
5xx, and every answer matches the document, content type included."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))

from stack import Stack, running_stack

pytestmark = pytest.mark.e2e

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
SESSION_ENDING = {"POST /auth/logout", "DELETE /auth/session"}


@pytest.fixture(scope="module")
def fuzz_stack() -> Iterator[Stack]:
    with running_stack(port=18800, upstream_base=18810, smtp_port=18825) as started:
        yield started


def _session_headers(base_url: str) -> dict[str, str]:
    with httpx.Client(base_url=base_url, timeout=30) as client:
        response = client.post(
            "/auth/login",
            json={"email": "cas-admin@demo.example.jp", "password": "Demo-2026!"},
        )
        assert response.status_code == 200, response.text
        cookie = client.cookies.get("chiiki_session")
        return {"Cookie": f"chiiki_session={cookie}", "X-CSRF-Token": response.json()["csrf_token"]}


def test_every_operation_through_the_gateway_never_fails_and_matches_its_schema(
    fuzz_stack: Stack,
) -> None:
    headers = _session_headers(fuzz_stack.base_url)
    schema = schemathesis.openapi.from_url(f"{fuzz_stack.base_url}/openapi.json")
    schema.config.update(base_url=fuzz_stack.base_url)
    failures: list[str] = []
    statuses: list[int] = []
    checked = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.label in SESSION_ENDING:
            continue
        checked += 1

        @given(case=operation.as_strategy())
        @settings(
            max_examples=8,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        def check(case: schemathesis.Case) -> None:
            response = case.call(headers=headers, timeout=30)
            statuses.append(response.status_code)
            case.validate_response(response, checks=CHECKS)

        try:
            check()
        except Exception as exc:  # collect every operation's failure, report them all at once
            failures.append(f"{operation.label}: {str(exc)[:1500]}")
    assert checked > 50
    # The session holds throughout: most answers come from the routes themselves, not a 401.
    assert sum(status != 401 for status in statuses) > 0.8 * len(statuses), statuses
    assert not failures, "\n\n".join(failures)
