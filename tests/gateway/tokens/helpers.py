"""Signing with the gateway's own keys (read from its database) and forging tokens by hand."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.auth import TokenSigner
from chiiki_common.db import create_engine, session_factory
from gateway.settings import Settings
from gateway.tokens.keyring import live_keys

SERVICE_CLAIMS = {"tier": "service", "org": "notify", "roles": [], "scope": "directory:read"}
ALL_AUDIENCES = ["gateway", "plans-api", "scoring-api", "notify"]


async def gateway_signer(settings: Settings, *, issuer: str = "chiiki-gateway") -> TokenSigner:
    engine = create_engine(settings.database_url)
    try:
        session: AsyncSession
        async with session_factory(engine)() as session:
            keys = await live_keys(session)
    finally:
        await engine.dispose()
    return TokenSigner(keys, issuer=issuer)


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def segments(token: str) -> tuple[dict[str, Any], dict[str, Any], str]:
    header, payload, signature = token.split(".")
    pad = lambda s: s + "=" * (-len(s) % 4)  # noqa: E731
    return (
        json.loads(base64.urlsafe_b64decode(pad(header))),
        json.loads(base64.urlsafe_b64decode(pad(payload))),
        signature,
    )


def encode(header: dict[str, Any], payload: dict[str, Any]) -> str:
    return f"{b64(json.dumps(header).encode())}.{b64(json.dumps(payload).encode())}"


def public_pem(jwk: dict[str, Any]) -> bytes:
    def number(value: str) -> int:
        return int.from_bytes(base64.urlsafe_b64decode(value + "=" * (-len(value) % 4)), "big")

    key = ec.EllipticCurvePublicNumbers(
        number(jwk["x"]), number(jwk["y"]), ec.SECP256R1()
    ).public_key()
    return key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


def alg_none(valid: str) -> str:
    header, payload, _ = segments(valid)
    return encode({**header, "alg": "none"}, payload) + "."


def hs256_with_public_key(valid: str, jwk: dict[str, Any]) -> str:
    """The algorithm-confusion attack: HMAC keyed with the verifier's public key."""
    header, payload, _ = segments(valid)
    signing_input = encode({**header, "alg": "HS256"}, payload)
    mac = hmac.new(public_pem(jwk), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(mac)}"


def tampered(valid: str, **changes: Any) -> str:
    header, payload, signature = segments(valid)
    return f"{encode(header, {**payload, **changes})}.{signature}"
