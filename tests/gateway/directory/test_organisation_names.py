"""Organisation names for signed-in callers: the SPA shows 菊陽町, not 434043."""

from __future__ import annotations

from tests.gateway.conftest import GatewayFactory, client_token, login

NAMES = "/directory/v1/organisations"


async def test_anonymous_caller_gets_no_names(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        response = await client.get(NAMES, params={"codes": "430005"})
    assert response.status_code == 401
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_a_municipal_user_reads_names_of_any_organisation(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        await login(client, "kikuyo-editor@demo.example.jp")
        response = await client.get(NAMES, params={"codes": "434043,430005,cas,401307"})
    assert response.status_code == 200
    assert response.json() == [
        {
            "code": "401307",
            "name": "福岡市",
            "kind": "designated_city",
            "prefecture": "40",
            "block": [],
        },
        {"code": "430005", "name": "熊本県", "kind": "prefecture", "prefecture": "43", "block": []},
        {
            "code": "434043",
            "name": "菊陽町",
            "kind": "town_village",
            "prefecture": "43",
            "block": [],
        },
        {
            "code": "cas",
            "name": "内閣官房 地域未来戦略本部事務局",
            "kind": "national",
            "prefecture": None,
            "block": [],
        },
    ]
    assert "max-age" in response.headers["cache-control"]


async def test_a_bureau_user_reads_its_own_block(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        await login(client, "meti-kyushu-viewer@demo.example.jp")
        response = await client.get(NAMES, params={"codes": "meti-kyushu,ogb-okinawa,430005"})
    assert response.status_code == 200
    assert response.json() == [
        {"code": "430005", "name": "熊本県", "kind": "prefecture", "prefecture": "43", "block": []},
        {
            "code": "meti-kyushu",
            "name": "九州経済産業局",
            "kind": "bureau",
            "prefecture": None,
            "block": ["40", "41", "42", "43", "44", "45", "46"],
        },
        {
            "code": "ogb-okinawa",
            "name": "内閣府沖縄総合事務局",
            "kind": "bureau",
            "prefecture": None,
            "block": ["47"],
        },
    ]


async def test_repeated_parameters_and_unknown_codes(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        await login(client, "cas-reviewer@demo.example.jp")
        # 012025 is well-formed (函館市) but not in the directory: no row, no error
        response = await client.get(NAMES, params=[("codes", "010006,012025"), ("codes", "maff")])
        everyone = await client.get(NAMES)
    assert [o["code"] for o in response.json()] == ["010006", "maff"]
    codes = [o["code"] for o in everyone.json()]
    assert {"cas", "meti", "010006", "434043"} <= set(codes)
    assert codes == sorted(codes)


async def test_a_machine_client_reads_names_with_its_token(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        bearer = {"Authorization": f"Bearer {await client_token(client, 'maff-subsidy')}"}
        response = await client.get(NAMES, params={"codes": "431001"}, headers=bearer)
    assert response.status_code == 200
    assert response.json()[0]["name"] == "熊本市"


async def test_malformed_codes_are_refused_with_every_wrong_one(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        await login(client, "kumamoto-viewer@demo.example.jp")
        # 434044: wrong check digit; 12345: five digits; 国: not a code
        response = await client.get(NAMES, params={"codes": "434043,434044,12345,国"})
        too_many = await client.get(NAMES, params={"codes": ",".join(["430005"] * 201)})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["errors"][0]["field"] == "codes"
    assert problem["errors"][0]["message"].endswith("434044、12345、国")
    assert too_many.status_code == 422
    assert "200件まで" in too_many.json()["errors"][0]["message"]


async def test_directory_paths_are_not_answered_by_the_spa(gateway: GatewayFactory) -> None:
    async with gateway() as client:
        await login(client, "kumamoto-viewer@demo.example.jp")
        response = await client.get("/directory/v1/unknown")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_the_names_route_is_documented_and_the_internal_one_is_not(
    sqlite_gateway: GatewayFactory,
) -> None:
    async with sqlite_gateway() as client:
        paths = (await client.get("/openapi.json")).json()["paths"]
    operation = paths["/directory/v1/organisations"]["get"]
    assert operation["operationId"] == "directory-read_organisations"
    assert {"401", "422"} <= set(operation["responses"])
    assert not [p for p in paths if p.startswith("/internal/directory")]
