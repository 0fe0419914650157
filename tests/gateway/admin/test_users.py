"""An organisation's admin manages its own users only; what belongs elsewhere answers 404."""

from __future__ import annotations

import httpx

from tests.gateway.conftest import GatewayFactory, login

NEW_USER = {
    "email": "new-editor@demo.example.jp",
    "name": "新規 作成担当",
    "password": "Long-enough-1",
    "roles": ["editor"],
}


async def _directory_id(client: httpx.AsyncClient, email: str) -> int:
    """A user's id as another organisation's admin sees it (through a national admin's list)."""
    users = (await client.get("/admin/users", params={"limit": 200})).json()["items"]
    return int(next(u["id"] for u in users if u["email"] == email))


async def test_admin_lists_only_the_users_of_its_own_organisation(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        await login(client, "kumamoto-admin@demo.example.jp")
        response = await client.get("/admin/users")
    assert response.status_code == 200
    page = response.json()
    assert page["total"] == 4
    assert {u["organisation"] for u in page["items"]} == {"430005"}


async def test_admin_creates_a_user_in_its_own_organisation_who_can_log_in(
    gateway: GatewayFactory,
) -> None:
    async with gateway() as client:
        csrf = await login(client, "kumamoto-admin@demo.example.jp")
        created = await client.post("/admin/users", json=NEW_USER, headers={"X-CSRF-Token": csrf})
        duplicate = await client.post("/admin/users", json=NEW_USER, headers={"X-CSRF-Token": csrf})
        newcomer = httpx.AsyncClient(transport=client._transport, base_url=client.base_url)
        await login(newcomer, NEW_USER["email"], NEW_USER["password"])
        me = (await newcomer.get("/auth/me")).json()
    assert created.status_code == 201
    assert created.json()["organisation"] == "430005"
    assert created.json()["roles"] == ["editor"]
    assert "password" not in created.text
    assert "hash" not in created.text
    assert duplicate.status_code == 409
    assert me["organisation"] == "430005"


async def test_over_posting_organisation_or_a_national_role_is_refused(
    gateway: GatewayFactory,
) -> None:
    async with gateway() as client:
        csrf = await login(client, "kumamoto-admin@demo.example.jp")
        headers = {"X-CSRF-Token": csrf}
        organisation = await client.post(
            "/admin/users", json={**NEW_USER, "organisation": "400009"}, headers=headers
        )
        reviewer = await client.post(
            "/admin/users", json={**NEW_USER, "roles": ["reviewer"]}, headers=headers
        )
        unknown_role = await client.post(
            "/admin/users", json={**NEW_USER, "roles": ["superuser"]}, headers=headers
        )
        listed = (await client.get("/admin/users")).json()["total"]
    assert organisation.status_code == 422
    assert organisation.json()["errors"][0]["field"] == "organisation"
    assert reviewer.status_code == 422
    assert unknown_role.status_code == 422
    assert listed == 4


async def test_non_admins_cannot_manage_users(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        csrf = await login(client, "kumamoto-approver@demo.example.jp")
        listing = await client.get("/admin/users")
        creating = await client.post("/admin/users", json=NEW_USER, headers={"X-CSRF-Token": csrf})
    assert listing.status_code == creating.status_code == 403


async def test_admin_cannot_touch_another_organisations_user(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        await login(client, "cas-admin@demo.example.jp")
        cas_reviewer = await _directory_id(client, "cas-reviewer@demo.example.jp")
        client.cookies.clear()
        csrf = await login(client, "kumamoto-admin@demo.example.jp")
        response = await client.post(
            f"/admin/users/{cas_reviewer}/deactivate", headers={"X-CSRF-Token": csrf}
        )
        client.cookies.clear()
        await login(client, "cas-reviewer@demo.example.jp")
        still_active = await client.get("/auth/me")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert still_active.status_code == 200


async def test_deactivated_user_loses_the_session_at_once_and_cannot_log_in(
    gateway: GatewayFactory,
) -> None:
    async with gateway() as client:
        viewer = httpx.AsyncClient(transport=client._transport, base_url=client.base_url)
        await login(viewer, "kumamoto-viewer@demo.example.jp")
        assert (await viewer.get("/auth/me")).status_code == 200
        csrf = await login(client, "kumamoto-admin@demo.example.jp")
        viewer_id = await _directory_id(client, "kumamoto-viewer@demo.example.jp")
        response = await client.post(
            f"/admin/users/{viewer_id}/deactivate", headers={"X-CSRF-Token": csrf}
        )
        after = await viewer.get("/auth/me")
        relogin = await viewer.post(
            "/auth/login",
            json={"email": "kumamoto-viewer@demo.example.jp", "password": "Demo-2026!"},
        )
    assert response.status_code == 200
    assert response.json()["active"] is False
    assert after.status_code == 401
    assert relogin.status_code == 401
