"""A national admin manages machine clients; the secret is shown once."""

from __future__ import annotations

from tests.gateway.conftest import GatewayFactory, login

NEW_CLIENT = {
    "client_id": "mhlw-subsidy",
    "name": "厚生労働省 補助金システム",
    "tier": "ministry_system",
    "organisation": "maff",
    "scopes": ["registry:read"],
    "expires_in_days": 365,
}


async def _token(client, client_id: str, secret: str) -> int:  # type: ignore[no-untyped-def]
    response = await client.post(
        "/auth/token", data={"grant_type": "client_credentials"}, auth=(client_id, secret)
    )
    return int(response.status_code)


async def test_national_admin_creates_rotates_and_revokes_a_client(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        csrf = {"X-CSRF-Token": await login(client, "cas-admin@demo.example.jp")}
        created = await client.post("/admin/clients", json=NEW_CLIENT, headers=csrf)
        secret = created.json()["client_secret"]
        first = await _token(client, "mhlw-subsidy", secret)
        rotated = await client.post("/admin/clients/mhlw-subsidy/rotate", headers=csrf)
        new_secret = rotated.json()["client_secret"]
        with_new = await _token(client, "mhlw-subsidy", new_secret)
        with_old_in_grace = await _token(client, "mhlw-subsidy", secret)
        listed = (await client.get("/admin/clients")).json()
        revoked = await client.post("/admin/clients/mhlw-subsidy/revoke", headers=csrf)
        after_revoke = await _token(client, "mhlw-subsidy", new_secret)
    assert created.status_code == 201
    assert created.json()["client"]["expires_at"]
    assert (first, with_new, with_old_in_grace) == (200, 200, 200)
    assert new_secret != secret
    assert "mhlw-subsidy" in {c["client_id"] for c in listed}
    assert not any(
        "secret" in key for c in listed for key in c if key != "previous_secret_expires_at"
    )
    assert revoked.json()["revoked_at"]
    assert after_revoke == 401


async def test_a_ministry_client_must_belong_to_a_ministry(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        csrf = {"X-CSRF-Token": await login(client, "cas-admin@demo.example.jp")}
        response = await client.post(
            "/admin/clients", json={**NEW_CLIENT, "organisation": "430005"}, headers=csrf
        )
    assert response.status_code == 422


async def test_a_prefectural_admin_cannot_manage_clients(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        csrf = {"X-CSRF-Token": await login(client, "kumamoto-admin@demo.example.jp")}
        listing = await client.get("/admin/clients")
        creating = await client.post("/admin/clients", json=NEW_CLIENT, headers=csrf)
    assert listing.status_code == creating.status_code == 403
