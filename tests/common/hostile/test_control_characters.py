"""Control characters are refused in one place, in front of every route of every service: the path,
every query parameter, every header value and every field of a JSON or form body. No route answers
500 (PostgreSQL refuses NUL in text), nothing is stored, and the answer names each place."""

from __future__ import annotations

import importlib
import re
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest

from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory
from tests.fixtures.databases import DatabaseFactory

SERVICES = ["plans_api", "scoring_api", "notify"]
CONTROL_TYPE = "https://chiiki-platform.example/problems/control-character"


@pytest.fixture(params=SERVICES)
async def service(
    request: pytest.FixtureRequest,
    backend: str,
    database_factory: DatabaseFactory,
    tokens: TokenFactory,
) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    name = str(request.param)
    package = importlib.import_module(name)
    url = database_factory.fresh(backend, name, package.MIGRATIONS)
    settings = importlib.import_module(f"{name}.settings").Settings(
        database_url=url, environment="test", log_requests=False
    )
    app = importlib.import_module(f"{name}.app").create_app(
        settings, verifier=tokens.verifier(settings.audience)
    )
    async with running(app) as client:
        yield app, client


def _routes(app: Any) -> list[tuple[str, str]]:
    return [
        (method.upper(), path)
        for path, operations in app.openapi()["paths"].items()
        for method in operations
    ]


def _concrete(path: str, value: str = "1") -> str:
    return re.sub(r"\{[^}]+\}", value, path)


def _assert_refused(response: httpx.Response, place: str) -> None:
    assert response.status_code == 422, (place, response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["type"] == CONTROL_TYPE
    assert problem["title"] == "使用できない制御文字が含まれています"
    assert any(error["field"].startswith(place) for error in problem["errors"]), problem


async def test_nul_in_any_query_parameter_of_any_route_is_refused_before_the_route_runs(
    service: tuple[Any, httpx.AsyncClient], tokens: TokenFactory
) -> None:
    app, client = service
    headers = tokens.national("admin", "reviewer", "publisher")
    for method, path in _routes(app):
        for value in ("%00", "a%01b", "%0a", "%7f"):
            response = await client.request(method, f"{_concrete(path)}?q={value}", headers=headers)
            _assert_refused(response, "query/q")


async def test_nul_in_any_path_parameter_is_refused_and_never_answers_500(
    service: tuple[Any, httpx.AsyncClient], tokens: TokenFactory
) -> None:
    app, client = service
    headers = tokens.national("admin", "reviewer", "publisher")
    with_parameters = [(m, p) for m, p in _routes(app) if "{" in p]
    assert with_parameters
    for method, path in with_parameters:
        response = await client.request(method, _concrete(path, "x%00y"), headers=headers)
        _assert_refused(response, "path")


async def test_control_characters_in_json_bodies_are_refused_with_every_field_named(
    service: tuple[Any, httpx.AsyncClient], tokens: TokenFactory
) -> None:
    app, client = service
    headers = {**tokens.national("admin", "reviewer", "publisher"), "If-Match": '"1"'}
    body = b'{"title": "a\\u0000b", "nested": {"items": ["ok", "\\u001b[31m"]}, "note": "\\b"}'
    writes = [(m, p) for m, p in _routes(app) if m in {"POST", "PUT", "PATCH"}]
    assert writes
    for method, path in writes:
        response = await client.request(
            method,
            _concrete(path),
            content=body,
            headers={**headers, "Content-Type": "application/json"},
        )
        _assert_refused(response, "title")
        fields = {error["field"] for error in response.json()["errors"]}
        assert {"title", "nested/items/1", "note"} <= fields


async def test_a_control_character_in_a_header_value_is_refused(
    service: tuple[Any, httpx.AsyncClient], tokens: TokenFactory
) -> None:
    app, client = service
    headers = tokens.national("admin", "reviewer", "publisher")
    method, path = next((m, p) for m, p in _routes(app) if m == "GET" and "{" not in p)
    response = await client.request(method, path, headers={**headers, "If-None-Match": "a\x01b"})
    _assert_refused(response, "header/if-none-match")


async def test_escaped_backslashes_tabs_and_line_breaks_in_free_text_still_pass_the_guard(
    service: tuple[Any, httpx.AsyncClient], tokens: TokenFactory
) -> None:
    app, client = service
    headers = tokens.national("admin", "reviewer", "publisher")
    writes = [(m, p) for m, p in _routes(app) if m == "POST" and "{" not in p]
    method, path = writes[0]
    # "\\u0000" is the six characters \u0000 typed as text, and tab / newline are free text.
    response = await client.request(
        method,
        path,
        content=b'{"text": "C:\\\\u0000 and\\ttab\\nline"}',
        headers={**headers, "Content-Type": "application/json"},
    )
    assert response.status_code != 500
    assert response.json().get("type") != CONTROL_TYPE
