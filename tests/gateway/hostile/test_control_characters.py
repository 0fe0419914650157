"""The gateway refuses control characters before it logs anyone in, issues a token or forwards a
request: the login and token forms, its own routes' queries, and every proxied path."""

from __future__ import annotations

from tests.gateway.conftest import GatewayFactory, login

CONTROL_TYPE = "https://chiiki-platform.example/problems/control-character"


def _refused(response, place: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["type"] == CONTROL_TYPE
    assert problem["title"] == "使用できない制御文字が含まれています"
    assert any(error["field"] == place for error in problem["errors"]), problem


async def test_a_login_with_nul_in_the_address_is_refused_and_counts_no_failure(
    gateway: GatewayFactory,
) -> None:
    async with gateway() as client:
        for _ in range(3):
            response = await client.post(
                "/auth/login",
                content=b'{"email": "cas-admin@demo.example.jp\\u0000", "password": "x"}',
                headers={"Content-Type": "application/json"},
            )
            _refused(response, "email")
        await login(client, "cas-admin@demo.example.jp")


async def test_a_token_request_with_a_control_character_in_the_form_is_refused(
    gateway: GatewayFactory,
) -> None:
    async with gateway() as client:
        response = await client.post(
            "/auth/token",
            content=b"grant_type=client_credentials&client_id=maff%00&client_secret=x",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        _refused(response, "body/client_id")


async def test_control_characters_in_a_proxied_path_or_query_never_reach_a_service(
    gateway: GatewayFactory,
) -> None:
    async with gateway() as client:
        await login(client, "kumamoto-editor@demo.example.jp")
        _refused(await client.get("/api/plans/1%00"), "path")
        _refused(await client.get("/api/plans?q=%1b"), "query/q")
        _refused(await client.get("/directory/v1/organisations?codes=430005%00"), "query/codes")
