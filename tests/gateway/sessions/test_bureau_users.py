"""People of a regional bureau: they log in as the tier ``bureau``, their session knows the block,
and their admin manages their own users with the roles every organisation has."""

from __future__ import annotations

import httpx

from tests.gateway.conftest import GatewayFactory, login

KYUSHU = ("viewer", "editor", "approver", "admin")


async def test_each_demo_user_of_kyushu_logs_in_as_the_bureau(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        seen = {}
        for role in KYUSHU:
            client.cookies.clear()
            await login(client, f"meti-kyushu-{role}@demo.example.jp")
            seen[role] = (await client.get("/auth/me")).json()
    for role, me in seen.items():
        assert me["organisation"] == "meti-kyushu"
        assert me["organisation_name"] == "九州経済産業局"
        assert me["tier"] == "bureau"
        assert me["roles"] == [role]
        assert me["designated_city"] is False


async def test_a_bureau_admin_adds_its_own_people_with_organisation_roles_only(
    gateway: GatewayFactory,
) -> None:
    body = {
        "email": "kyushu-new@demo.example.jp",
        "name": "九州経済産業局 新任",
        "password": "Long-enough-1",
        "roles": ["approver"],
    }
    async with gateway() as client:
        csrf = await login(client, "meti-kyushu-admin@demo.example.jp")
        headers = {"X-CSRF-Token": csrf}
        reviewer = await client.post(
            "/admin/users", json={**body, "roles": ["reviewer"]}, headers=headers
        )
        created = await client.post("/admin/users", json=body, headers=headers)
        listed = (await client.get("/admin/users")).json()
        newcomer = httpx.AsyncClient(transport=client._transport, base_url=client.base_url)
        await login(newcomer, body["email"], body["password"])
        me = (await newcomer.get("/auth/me")).json()
    assert reviewer.status_code == 422
    assert "審査担当" in reviewer.json()["errors"][0]["message"]
    assert created.status_code == 201
    assert created.json()["organisation"] == "meti-kyushu"
    assert listed["total"] == 5
    assert {u["organisation"] for u in listed["items"]} == {"meti-kyushu"}
    assert (me["tier"], me["organisation"], me["roles"]) == ("bureau", "meti-kyushu", ["approver"])
