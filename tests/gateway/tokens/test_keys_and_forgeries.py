"""The keys in the JWKS, rotation without logging anyone out, and tokens the gateway refuses."""

from __future__ import annotations

import argparse
import json
from datetime import timedelta
from pathlib import Path

from chiiki_common import clock
from chiiki_common.auth import JWKSSource, TokenVerifier
from chiiki_common.db import create_engine, session_factory
from gateway.cli import run_rotate_keys, run_seed_demo
from gateway.settings import Settings
from gateway.tokens.keyring import rotate
from tests.fixtures.auth import TokenFactory
from tests.gateway.conftest import GatewayFactory, client_token
from tests.gateway.tokens import helpers

DIRECTORY = "/internal/directory/organisations"


async def rotate_keys(settings: Settings) -> None:
    engine = create_engine(settings.database_url)
    async with session_factory(engine)() as session, session.begin():
        await rotate(session)
    await engine.dispose()


async def test_after_rotation_both_keys_are_published_and_old_tokens_still_work(
    gateway: GatewayFactory, gateway_settings: Settings
) -> None:
    async with gateway() as client:
        old_token = await client_token(client, "svc-notify")
        old_kids = [k["kid"] for k in (await client.get("/.well-known/jwks.json")).json()["keys"]]
    await rotate_keys(gateway_settings)
    async with gateway() as client:
        jwks = (await client.get("/.well-known/jwks.json")).json()
        new_token = await client_token(client, "svc-notify")
        old_answer = await client.get(DIRECTORY, headers={"Authorization": f"Bearer {old_token}"})
    kids = [k["kid"] for k in jwks["keys"]]
    assert len(kids) == 2
    assert kids[0] == old_kids[0]
    assert all(k["kty"] == "EC" and k["alg"] == "ES256" and "d" not in k for k in jwks["keys"])
    assert helpers.segments(new_token)[0]["kid"] == kids[1]
    assert old_answer.status_code == 200
    service_verifier = TokenVerifier(
        source=JWKSSource(static=jwks), issuer="chiiki-gateway", audience="notify"
    )
    assert service_verifier.verify(old_token)["sub"] == "svc-notify"


async def test_a_third_rotation_retires_the_oldest_key(
    gateway: GatewayFactory, gateway_settings: Settings
) -> None:
    async with gateway() as client:
        first = (await client.get("/.well-known/jwks.json")).json()["keys"][0]["kid"]
    await rotate_keys(gateway_settings)
    await rotate_keys(gateway_settings)
    async with gateway() as client:
        kids = [k["kid"] for k in (await client.get("/.well-known/jwks.json")).json()["keys"]]
    assert len(kids) == 2
    assert first not in kids


FORGERIES = (
    "alg_none",
    "hs256_public_key",
    "unknown_kid",
    "expired",
    "wrong_aud",
    "wrong_iss",
    "tampered",
)


async def test_forged_and_misdirected_tokens_are_refused(
    gateway: GatewayFactory, gateway_settings: Settings, tokens: TokenFactory
) -> None:
    async with gateway() as client:
        signer = await helpers.gateway_signer(gateway_settings)
        other_issuer = await helpers.gateway_signer(gateway_settings, issuer="someone-else")
        valid = signer.sign(
            subject="svc-notify", audience=helpers.ALL_AUDIENCES, claims=helpers.SERVICE_CLAIMS
        )
        jwk = (await client.get("/.well-known/jwks.json")).json()["keys"][0]
        forged = {
            "alg_none": helpers.alg_none(valid),
            "hs256_public_key": helpers.hs256_with_public_key(valid, jwk),
            "unknown_kid": tokens.token(
                tier="service", org="notify", scope="directory:read", audience="gateway"
            ),
            "expired": signer.sign(
                subject="svc-notify",
                audience="gateway",
                claims=helpers.SERVICE_CLAIMS,
                lifetime_seconds=60,
            ),
            "wrong_aud": signer.sign(
                subject="svc-notify", audience="plans-api", claims=helpers.SERVICE_CLAIMS
            ),
            "wrong_iss": other_issuer.sign(
                subject="svc-notify", audience="gateway", claims=helpers.SERVICE_CLAIMS
            ),
            "tampered": helpers.tampered(valid, scope="directory:read events:read", org="maff"),
        }
        accepted = await client.get(DIRECTORY, headers={"Authorization": f"Bearer {valid}"})
        clock.set_clock(clock.Clock(clock.now() + timedelta(minutes=2)))
        statuses = {
            name: (
                await client.get(DIRECTORY, headers={"Authorization": f"Bearer {token}"})
            ).status_code
            for name, token in forged.items()
        }
    assert accepted.status_code == 200
    assert statuses == dict.fromkeys(FORGERIES, 401)


async def test_a_user_token_is_not_accepted_by_the_gateway_itself(
    gateway: GatewayFactory, gateway_settings: Settings
) -> None:
    async with gateway() as client:
        signer = await helpers.gateway_signer(gateway_settings)
        user_token = signer.sign(
            subject="1",
            audience=["plans-api", "scoring-api", "notify"],
            claims={"tier": "national", "org": "cas", "roles": ["admin"]},
        )
        response = await client.get("/auth/me", headers={"Authorization": f"Bearer {user_token}"})
    assert response.status_code == 401


async def test_seed_demo_and_rotate_keys_publish_the_jwks_file_services_read(
    gateway: GatewayFactory, gateway_settings: Settings, tmp_path: Path
) -> None:
    jwks_file = tmp_path / "keys" / "jwks.json"
    settings = gateway_settings.model_copy(update={"jwks_file": str(jwks_file)})
    await run_seed_demo(settings, argparse.Namespace())
    seeded = json.loads(jwks_file.read_text())
    await run_rotate_keys(settings, argparse.Namespace())
    rotated = json.loads(jwks_file.read_text())
    async with gateway() as client:
        served = (await client.get("/.well-known/jwks.json")).json()
    assert len(seeded["keys"]) == 1
    assert len(rotated["keys"]) == 2
    assert rotated["keys"][0]["kid"] == seeded["keys"][0]["kid"]
    assert rotated == served
