"""Every service verifies the token itself: forged, expired, wrong-audience, algorithm-confusion and
key-bearing tokens are refused with 401 problem+json, and a good token is accepted."""

from __future__ import annotations

import importlib
import json
import time
from pathlib import Path

import pytest
from fastapi import APIRouter

from chiiki_common.app import create_service_app, route_inventory
from chiiki_common.auth import CurrentPrincipal
from chiiki_common.settings import ServiceSettings
from tests.fixtures.apps import running
from tests.fixtures.attacks import forged_tokens
from tests.fixtures.auth import ISSUER, TokenFactory

ATTACKS = [
    "alg_none",
    "hs256_with_public_key",
    "unknown_kid",
    "known_kid_wrong_key",
    "expired",
    "wrong_audience",
    "wrong_issuer",
    "tampered_payload",
    "jku_header",
    "wrong_typ",
    "jwe_shaped",
    "oversized",
    "garbage",
]


def _probe_app(tokens: TokenFactory):  # type: ignore[no-untyped-def]
    router = APIRouter(tags=["probe"])

    @router.get("/probe")
    async def probe(principal: CurrentPrincipal) -> dict[str, str]:
        return {"org": principal.organisation}

    settings = ServiceSettings(
        service_name="plans-api", database_url="sqlite+aiosqlite:///:memory:"
    )
    return create_service_app(
        settings, title="probe", routers=[router], verifier=tokens.verifier("plans-api")
    )


@pytest.mark.parametrize("attack", ATTACKS)
async def test_shared_verifier_refuses(attack: str, tokens: TokenFactory) -> None:
    token = forged_tokens(tokens)[attack]
    async with running(_probe_app(tokens)) as client:
        response = await client.get("/probe", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401, attack
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["title"] == "認証が必要です"


async def test_shared_verifier_accepts_a_good_token_and_needs_one(tokens: TokenFactory) -> None:
    async with running(_probe_app(tokens)) as client:
        assert (await client.get("/probe", headers=tokens.prefecture("430005"))).json() == {
            "org": "430005"
        }
        missing = await client.get("/probe")
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == "Bearer"


def _protected_get_path(name: str, tokens: TokenFactory) -> str | None:
    module = importlib.import_module(f"{name}.app")
    settings = importlib.import_module(f"{name}.settings").Settings(environment="test")
    app = module.create_app(settings, verifier=tokens.verifier(settings.audience))
    for path, methods, guarded in route_inventory(app):
        if guarded and "GET" in methods and "{" not in path:
            return path
    return None


@pytest.mark.parametrize("name", ["plans_api", "scoring_api", "notify"])
async def test_each_service_refuses_forged_tokens_itself(
    name: str, tokens: TokenFactory, backend: str, database_factory
) -> None:  # type: ignore[no-untyped-def]
    path = _protected_get_path(name, tokens)
    assert path is not None, f"{name} has no protected GET route to send forged tokens to"
    settings_cls = importlib.import_module(f"{name}.settings").Settings
    url = database_factory.fresh(backend, name, importlib.import_module(name).MIGRATIONS)
    settings = settings_cls(database_url=url, environment="test")
    app = importlib.import_module(f"{name}.app").create_app(
        settings, verifier=tokens.verifier(settings.audience)
    )
    forged = forged_tokens(tokens)
    async with running(app) as client:
        for attack in ATTACKS:
            response = await client.get(path, headers={"Authorization": f"Bearer {forged[attack]}"})
            assert response.status_code == 401, (attack, path)


async def test_tokens_follow_the_platform_clock_when_the_system_runs_as_of_another_date(
    tokens: TokenFactory,
) -> None:
    from datetime import timedelta

    from chiiki_common import clock

    with clock.frozen_at(clock.jst_wall_clock(2026, 5, 20, 9, 0)) as frozen:
        token = tokens.token(tier="prefecture", org="430005", roles=["editor"])
        async with running(_probe_app(tokens)) as client:
            accepted = await client.get("/probe", headers={"Authorization": f"Bearer {token}"})
            frozen.advance(timedelta(minutes=6))
            expired = await client.get("/probe", headers={"Authorization": f"Bearer {token}"})
    assert accepted.status_code == 200
    assert expired.status_code == 401


def test_a_service_started_before_the_gateway_picks_up_the_keys_once_they_appear(
    tokens: TokenFactory, tmp_path: Path
) -> None:
    from chiiki_common.auth import JWKSSource, TokenVerifier

    jwks = tmp_path / "jwks.json"
    verifier = TokenVerifier(
        source=JWKSSource(path=str(jwks), min_refresh_seconds=3600),
        issuer=ISSUER,
        audience="plans-api",
    )
    verifier.source.refresh(force=True)  # at start-up: the gateway has written nothing yet
    jwks.write_text(json.dumps(tokens.signer.jwks()))
    time.sleep(1.1)
    token = tokens.token(tier="prefecture", org="430005", roles=["editor"])
    assert verifier.verify(token)["org"] == "430005"


def test_a_key_the_gateway_retired_stops_being_accepted_once_the_keys_are_old(
    tokens: TokenFactory, tmp_path: Path
) -> None:
    from chiiki_common.auth import JWKSSource, TokenError, TokenVerifier

    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps(tokens.signer.jwks()))
    verifier = TokenVerifier(
        source=JWKSSource(path=str(jwks), min_refresh_seconds=3600, max_age_seconds=0.5),
        issuer=ISSUER,
        audience="plans-api",
    )
    token = tokens.token(tier="prefecture", org="430005", roles=["editor"])
    assert verifier.verify(token)["org"] == "430005"
    jwks.write_text(json.dumps({"keys": []}))  # the gateway retired the key
    assert verifier.verify(token)["org"] == "430005"  # still within the keys' age
    time.sleep(0.6)
    with pytest.raises(TokenError):
        verifier.verify(token)


def test_a_key_added_by_another_gateway_is_accepted_a_second_later_and_made_up_kids_cost_one_fetch(
    tokens: TokenFactory, tmp_path: Path
) -> None:
    from chiiki_common.auth import JWKSSource, SigningKey, TokenError, TokenSigner, TokenVerifier

    fetches = 0

    class Counting(JWKSSource):
        def _load(self) -> object:  # type: ignore[override]
            nonlocal fetches
            fetches += 1
            return super()._load()

    jwks = tmp_path / "jwks.json"
    jwks.write_text(json.dumps(tokens.signer.jwks()))
    verifier = TokenVerifier(source=Counting(path=str(jwks)), issuer=ISSUER, audience="plans-api")
    assert verifier.verify(tokens.token(tier="prefecture", org="430005", roles=["editor"]))
    added = SigningKey.generate()  # another replica adds a key and signs with it at once
    rotated = TokenSigner([tokens.key, added], issuer=ISSUER)
    jwks.write_text(json.dumps(rotated.jwks()))
    fresh = TokenFactory(signer=rotated, key=added).token(
        tier="prefecture", org="430005", roles=["editor"]
    )
    before = fetches
    for _ in range(50):  # a flood right after a fetch: refused, and nothing fetched
        with pytest.raises(TokenError):
            verifier.verify(fresh)
    assert fetches - before <= 1
    time.sleep(1.05)
    assert verifier.verify(fresh)["org"] == "430005"


def test_over_http_the_first_token_of_a_key_just_added_waits_for_the_next_fetch_instead_of_a_401(
    tokens: TokenFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    import httpx

    from chiiki_common import auth
    from chiiki_common.auth import JWKSSource, SigningKey, TokenError, TokenSigner, TokenVerifier

    published = {"document": tokens.signer.jwks()}
    fetches = 0

    def get(url: str, timeout: float) -> httpx.Response:
        nonlocal fetches
        fetches += 1
        return httpx.Response(200, json=published["document"], request=httpx.Request("GET", url))

    monkeypatch.setattr(auth.httpx, "get", get)
    verifier = TokenVerifier(
        source=JWKSSource(url="http://gateway.internal/.well-known/jwks.json"),
        issuer=ISSUER,
        audience="plans-api",
    )
    assert verifier.verify(tokens.token(tier="prefecture", org="430005", roles=["editor"]))
    # another gateway replica rotates right after this process fetched, and signs with the new key
    added = SigningKey.generate()
    rotated = TokenSigner([tokens.key, added], issuer=ISSUER)
    published["document"] = rotated.jwks()
    fresh = TokenFactory(signer=rotated, key=added).token(
        tier="prefecture", org="430005", roles=["editor"]
    )
    started = time.monotonic()
    assert verifier.verify(fresh)["org"] == "430005"  # accepted, not refused for a second
    assert time.monotonic() - started <= 1.5
    assert fetches == 2
    # a made-up kid still costs at most one fetch a second, and is refused
    stranger = SigningKey.generate()
    forged = TokenFactory(signer=TokenSigner([stranger], issuer=ISSUER), key=stranger).token(
        tier="prefecture", org="430005", roles=["editor"]
    )
    with pytest.raises(TokenError):
        verifier.verify(forged)
    assert fetches <= 4
