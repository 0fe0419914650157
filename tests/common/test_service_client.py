"""Service-to-service calls keep working across a key rotation: a refused service token is replaced
once, and a second refusal is the caller's answer (no loop)."""

from __future__ import annotations

import httpx

from chiiki_common.service_client import ServiceTokenProvider, service_client


def _gateway(issued: list[str]) -> httpx.AsyncClient:
    def answer(request: httpx.Request) -> httpx.Response:
        issued.append(f"t{len(issued) + 1}")
        return httpx.Response(200, json={"access_token": issued[-1], "expires_in": 600})

    return httpx.AsyncClient(transport=httpx.MockTransport(answer), base_url="http://gateway")


async def test_a_token_refused_after_a_rotation_is_replaced_once() -> None:
    issued: list[str] = []
    seen: list[str] = []

    def service(request: httpx.Request) -> httpx.Response:
        seen.append(request.headers["authorization"])
        ok = request.headers["authorization"] != "Bearer t1"  # t1's key was retired
        return httpx.Response(200 if ok else 401, json={"body": request.content.decode()})

    provider = ServiceTokenProvider("http://gateway/auth/token", "svc-notify", "secret")
    async with service_client(
        "http://plans",
        provider,
        transport=httpx.MockTransport(service),
        token_client=_gateway(issued),
    ) as client:
        answer = await client.post("/internal/x", json={"a": 1})
        again = await client.get("/internal/y")
    assert answer.status_code == 200
    assert answer.json() == {"body": '{"a":1}'}
    assert again.status_code == 200
    assert issued == ["t1", "t2"]
    assert seen == ["Bearer t1", "Bearer t2", "Bearer t2"]


async def test_a_second_refusal_is_answered_as_it_is() -> None:
    issued: list[str] = []
    provider = ServiceTokenProvider("http://gateway/auth/token", "svc-notify", "secret")
    refuse = httpx.MockTransport(lambda request: httpx.Response(401))
    async with service_client(
        "http://plans", provider, transport=refuse, token_client=_gateway(issued)
    ) as client:
        answer = await client.get("/internal/x")
    assert answer.status_code == 401
    assert issued == ["t1", "t2"]
