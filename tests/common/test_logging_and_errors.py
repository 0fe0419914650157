"""One JSON log line per request carrying the request id; the id travels to the next service; errors
are problem+json with a Japanese title and every failing field at once."""

from __future__ import annotations

import json

import httpx
import structlog
from fastapi import APIRouter, FastAPI, Request
from pydantic import Field

from chiiki_common.app import create_service_app
from chiiki_common.errors import Conflict
from chiiki_common.logging import configure_logging, forward_request_id
from chiiki_common.schemas import CorporateNumber, InputModel, ShortText
from chiiki_common.settings import ServiceSettings
from tests.fixtures.apps import running
from tests.fixtures.auth import TokenFactory


class Company(InputModel):
    corporate_number: CorporateNumber
    name: ShortText
    employees: int = Field(ge=0, le=10_000_000)


def _app(tokens: TokenFactory, downstream: FastAPI | None = None) -> FastAPI:
    router = APIRouter(tags=["probe"])

    @router.post("/companies")
    async def create_company(body: Company) -> dict[str, str]:
        return {"name": body.name}

    @router.post("/conflict")
    async def conflict() -> None:
        raise Conflict("この計画は既に公表されています")

    @router.get("/relay")
    async def relay() -> dict[str, str]:
        assert downstream is not None
        transport = httpx.ASGITransport(app=downstream)
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://down",
            event_hooks={"request": [forward_request_id]},
        ) as client:
            return (await client.get("/echo")).json()  # type: ignore[no-any-return]

    settings = ServiceSettings(
        service_name="plans-api", database_url="sqlite+aiosqlite:///:memory:"
    )
    return create_service_app(
        settings, title="probe", routers=[router], verifier=tokens.verifier("plans-api")
    )


def _downstream() -> FastAPI:
    app = FastAPI()

    @app.get("/echo")
    async def echo(request: Request) -> dict[str, str]:
        return {"request_id": request.headers.get("x-request-id", "")}

    return app


async def test_every_failing_field_is_listed_at_once_in_japanese(tokens: TokenFactory) -> None:
    async with running(_app(tokens)) as client:
        response = await client.post(
            "/companies",
            json={
                "corporate_number": "2180301018771",
                "name": "x" * 600,
                "employees": -1,
                "role": "admin",
            },
            headers=tokens.prefecture(),
        )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["title"] == "入力内容に誤りがあります"
    assert body["type"].endswith("/validation")
    fields = {error["field"]: error["message"] for error in body["errors"]}
    assert set(fields) == {"corporate_number", "name", "employees", "role"}
    assert "法人番号" in fields["corporate_number"]
    assert fields["role"] == "この項目は指定できません"
    assert body["request_id"] == response.headers["x-request-id"]


async def test_domain_errors_are_problem_json(tokens: TokenFactory) -> None:
    async with running(_app(tokens)) as client:
        response = await client.post("/conflict", headers=tokens.prefecture())
    assert response.status_code == 409
    assert response.json()["title"] == "現在の状態ではこの操作はできません"
    assert response.json()["detail"] == "この計画は既に公表されています"


async def test_an_unknown_route_is_problem_json(tokens: TokenFactory) -> None:
    async with running(_app(tokens)) as client:
        response = await client.get("/nowhere")
    assert response.status_code == 404
    assert response.json()["title"] == "対象が見つかりません"


async def test_the_request_id_is_kept_and_forwarded_to_the_next_service(
    tokens: TokenFactory,
) -> None:
    downstream = _downstream()
    async with running(_app(tokens, downstream)) as client:
        response = await client.get(
            "/relay", headers={**tokens.prefecture(), "X-Request-ID": "gateway-req-0001"}
        )
        fresh = await client.get("/relay", headers=tokens.prefecture())
    assert response.headers["x-request-id"] == "gateway-req-0001"
    assert response.json() == {"request_id": "gateway-req-0001"}
    assert fresh.json()["request_id"] == fresh.headers["x-request-id"] != "gateway-req-0001"


async def test_a_request_logs_one_json_line_with_its_request_id(
    tokens: TokenFactory, capsys
) -> None:  # type: ignore[no-untyped-def]
    app = _app(tokens)
    configure_logging(service="plans-api", json=True)
    try:
        async with running(app) as client:
            await client.post(
                "/conflict", headers={**tokens.prefecture(), "X-Request-ID": "trace-me-123456"}
            )
        lines = [
            json.loads(line)
            for line in capsys.readouterr().err.splitlines()
            if line.startswith("{")
        ]
    finally:
        structlog.reset_defaults()
    requests = [line for line in lines if line["event"] == "http.request"]
    assert len(requests) == 1
    assert requests[0]["request_id"] == "trace-me-123456"
    assert requests[0]["status"] == 409
    assert requests[0]["service"] == "plans-api"
