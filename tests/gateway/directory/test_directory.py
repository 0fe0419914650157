"""The directory the services read: users by organisation and role, organisations by prefecture."""

from __future__ import annotations

from tests.gateway.conftest import GatewayFactory, client_token, login


async def test_notify_finds_the_approvers_of_an_organisation(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        bearer = {"Authorization": f"Bearer {await client_token(client, 'svc-notify')}"}
        approvers = await client.get(
            "/internal/directory/users",
            params={"organisation": "430005", "role": "approver"},
            headers=bearer,
        )
        reviewers = await client.get(
            "/internal/directory/users", params={"role": "reviewer"}, headers=bearer
        )
    assert approvers.status_code == 200
    # an admin is an approver too (viewer < editor < approver < admin)
    assert {u["email"] for u in approvers.json()} == {
        "kumamoto-approver@demo.example.jp",
        "kumamoto-admin@demo.example.jp",
    }
    first = approvers.json()[0]
    assert first["organisation_name"] == "熊本県"
    assert first["tier"] == "prefecture"
    assert {u["email"] for u in reviewers.json()} == {
        "cas-reviewer@demo.example.jp",
        "cas-admin@demo.example.jp",
        "meti-reviewer@demo.example.jp",
    }


async def test_organisations_by_prefecture_and_kind(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        bearer = {"Authorization": f"Bearer {await client_token(client, 'svc-plans')}"}
        kumamoto = await client.get(
            "/internal/directory/organisations", params={"prefecture": "430005"}, headers=bearer
        )
        cities = await client.get(
            "/internal/directory/organisations", params={"kind": "designated_city"}, headers=bearer
        )
    assert {o["code"] for o in kumamoto.json()} == {"430005", "431001", "434043"}
    assert len(cities.json()) == 20
    assert kumamoto.json()[0] == {
        "code": "430005",
        "name": "熊本県",
        "kind": "prefecture",
        "prefecture": "43",
        "block": [],
    }


async def test_directory_needs_a_service_with_the_directory_scope(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        scoring = {"Authorization": f"Bearer {await client_token(client, 'svc-scoring')}"}
        ministry = {"Authorization": f"Bearer {await client_token(client, 'maff-subsidy')}"}
        without_scope = await client.get("/internal/directory/users", headers=scoring)
        from_ministry = await client.get("/internal/directory/users", headers=ministry)
        anonymous = await client.get("/internal/directory/users")
        await login(client, "cas-admin@demo.example.jp")
        from_user = await client.get("/internal/directory/users")
    assert without_scope.status_code == from_ministry.status_code == from_user.status_code == 403
    assert anonymous.status_code == 401


async def test_a_bureau_entry_carries_its_block(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        bearer = {"Authorization": f"Bearer {await client_token(client, 'svc-plans')}"}
        bureaus = await client.get(
            "/internal/directory/organisations", params={"kind": "bureau"}, headers=bearer
        )
        everyone = await client.get("/internal/directory/organisations", headers=bearer)
    assert bureaus.status_code == 200
    found = {o["code"]: o for o in bureaus.json()}
    assert len(found) == 10
    assert found["meti-kyushu"] == {
        "code": "meti-kyushu",
        "name": "九州経済産業局",
        "kind": "bureau",
        "prefecture": None,
        "block": ["40", "41", "42", "43", "44", "45", "46"],
    }
    assert found["meti-chubu-hokuriku"]["block"] == ["16", "17"]
    assert found["ogb-okinawa"]["block"] == ["47"]
    # only bureaus have a block
    blocked = {o["code"] for o in everyone.json() if o["block"]}
    assert blocked == set(found)
