"""The gateway's signing keys, loaded from the database: the newest signs, all live keys verify.

The JWKS document is one dict shared with the verifier's static source, so a reload (after
``rotate-keys``) reaches signing and verification at once; it is also written to ``jwks_file``
for services configured to read the keys from disk.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import structlog
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from chiiki_common import clock
from chiiki_common.auth import JWKSSource, SigningKey, TokenSigner, TokenVerifier
from gateway.models import SigningKeyRecord
from gateway.tokens import repository as repo

log = structlog.get_logger("gateway.keys")

LIVE_KEYS_AFTER_ROTATION = 2


class KeyRing:
    def __init__(self, *, issuer: str, jwks_file: str | None = None) -> None:
        self.issuer = issuer
        self.jwks_file = jwks_file
        self.document: dict[str, Any] = {"keys": []}
        self.source = JWKSSource(static=self.document)
        self._signer: TokenSigner | None = None
        self.kids: tuple[str, ...] = ()

    @property
    def signer(self) -> TokenSigner:
        if self._signer is None:
            raise RuntimeError("signing keys are not loaded")
        return self._signer

    def verifier(self, audience: str) -> TokenVerifier:
        return TokenVerifier(source=self.source, issuer=self.issuer, audience=audience)

    def install(self, keys: list[SigningKey]) -> None:
        kids = tuple(key.kid for key in keys)
        if kids == self.kids:
            return
        self._signer = TokenSigner(keys, issuer=self.issuer)
        self.document["keys"] = self._signer.jwks()["keys"]
        self.source.refresh(force=True)
        self.kids = kids
        if self.jwks_file:
            path = Path(self.jwks_file)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(self.document, indent=2))
        log.info("keys.loaded", kids=list(kids))

    async def load(self, maker: async_sessionmaker[AsyncSession]) -> None:
        """Load the live keys; the very first start creates one."""
        async with maker() as session:
            keys = await live_keys(session)
            if not keys:
                keys = [await add_key(session)]
                await session.commit()
        self.install(keys)


async def live_keys(session: AsyncSession) -> list[SigningKey]:
    rows = await repo.live_key_records(session)
    return [SigningKey(kid=r.kid, private_pem=r.private_pem, algorithm=r.algorithm) for r in rows]


async def add_key(session: AsyncSession) -> SigningKey:
    key = SigningKey.generate()
    session.add(
        SigningKeyRecord(
            kid=key.kid,
            algorithm=key.algorithm,
            private_pem=key.private_pem,
            created_at=clock.now(),
        )
    )
    await session.flush()
    return key


async def rotate(session: AsyncSession) -> tuple[SigningKey, list[str]]:
    """Add a new signing key and retire all but the newest two: tokens signed by the previous key
    stay valid until they expire, so nobody is logged out."""
    key = await add_key(session)
    live = await live_keys(session)
    retire = [k.kid for k in live[:-LIVE_KEYS_AFTER_ROTATION]]
    if retire:
        await repo.retire_keys(session, retire)
    log.info("keys.rotated", kid=key.kid, retired=retire)
    return key, retire
