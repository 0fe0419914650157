"""Access tokens: for a user's session, and for machine clients (OAuth2 client credentials)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

import structlog
from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common import clock
from chiiki_common.auth import Tier, TokenSigner, random_secret
from gateway.models import MachineClient
from gateway.passwords import Passwords
from gateway.sessions.store import SessionView
from gateway.settings import Settings
from gateway.throttle.service import AuthThrottle, Kind
from gateway.tokens import repository

log = structlog.get_logger("gateway.tokens")

ALL_SERVICES = ["gateway", "plans-api", "scoring-api", "notify"]
AUDIENCES_BY_TIER: dict[Tier, list[str]] = {
    Tier.ministry_system: ["gateway", "plans-api"],
    Tier.service: ALL_SERVICES,
}
MACHINE_TIERS = frozenset(AUDIENCES_BY_TIER)


def mint_user_token(signer: TokenSigner, settings: Settings, view: SessionView) -> tuple[str, int]:
    """The JWT the gateway forwards for a logged-in user (audience: the services of the user's
    tier, never the gateway); a bureau's carries its block."""
    lifetime = settings.user_token_seconds
    claims: dict[str, object] = {
        "tier": view.tier.value,
        "org": view.organisation,
        "roles": list(view.roles),
        "name": view.name,
        "designated_city": view.designated_city,
        "scope": "",
    }
    if view.tier is Tier.bureau:
        claims["block"] = list(view.block)
    token = signer.sign(
        subject=str(view.user_id),
        audience=view.audiences,
        lifetime_seconds=lifetime,
        claims=claims,
    )
    return token, lifetime


class OAuthError(Exception):
    """An RFC 6749 §5.2 error: ``error`` code, HTTP status, and whether to ask for Basic auth."""

    def __init__(self, error: str, status: int = 400, *, description: str = "") -> None:
        super().__init__(error)
        self.error, self.status, self.description = error, status, description


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int
    scope: str


async def client_credentials(
    session: AsyncSession,
    passwords: Passwords,
    signer: TokenSigner,
    settings: Settings,
    throttle: AuthThrottle,
    *,
    client_id: str,
    client_secret: str,
    requested_scope: str | None,
    client_address: str,
) -> IssuedToken:
    """Authenticate a machine client and issue its token; expired or revoked clients are refused.

    Throttled per client id and client address together (:mod:`gateway.throttle.service`) before
    the secret is checked.
    """
    attempt = await throttle.admit(Kind.client, client_id, client_address)
    client = await repository.get_client(session, client_id)
    matches = await _secret_matches(passwords, client, client_secret)
    if client is None or not matches:
        await throttle.failed(attempt)
        log.info("tokens.client.refused", client_id=client_id[:64])
        raise OAuthError("invalid_client", 401)
    await throttle.succeeded(attempt)
    granted = set(client.scopes.split())
    scopes = set(requested_scope.split()) if requested_scope else granted
    if not scopes <= granted:
        raise OAuthError("invalid_scope", description="許可されていないスコープが含まれています")
    tier = Tier(client.tier)
    lifetime = settings.client_token_seconds
    token = signer.sign(
        subject=client.client_id,
        audience=AUDIENCES_BY_TIER[tier],
        lifetime_seconds=lifetime,
        claims={
            "tier": tier.value,
            "org": client.organisation,
            "roles": [],
            "scope": " ".join(sorted(scopes)),
            "name": client.name,
            "designated_city": False,
        },
    )
    log.info("tokens.client.issued", client_id=client.client_id, tier=tier.value)
    return IssuedToken(token, lifetime, " ".join(sorted(scopes)))


async def _secret_matches(passwords: Passwords, client: MachineClient | None, secret: str) -> bool:
    """The current secret, else the previous one in its grace period.

    Every refused secret costs the same two argon2 verifications, dummy hashes standing in for
    what an unknown, revoked or expired client lacks, so the answer's timing tells nothing.
    """
    now = clock.now()
    usable = (
        client is not None
        and client.revoked_at is None
        and (client.expires_at is None or client.expires_at > now)
    )
    if await passwords.verify(client.secret_hash if client and usable else None, secret):
        return True
    in_grace = (
        client is not None
        and usable
        and client.previous_secret_expires_at is not None
        and client.previous_secret_expires_at > now
    )
    return await passwords.verify(
        client.previous_secret_hash if client and in_grace else None, secret
    )


async def create_client(
    session: AsyncSession,
    passwords: Passwords,
    *,
    client_id: str,
    name: str,
    tier: Tier,
    organisation: str,
    scopes: list[str],
    expires_in_days: int | None = None,
    secret: str | None = None,
) -> tuple[MachineClient, str]:
    """A new machine client and its secret (shown once, stored only as a hash)."""
    if tier not in MACHINE_TIERS:
        raise ValueError(f"tier {tier} is not a machine tier")
    secret = secret or random_secret()
    now = clock.now()
    client = MachineClient(
        client_id=client_id,
        name=name,
        tier=tier.value,
        organisation=organisation,
        scopes=" ".join(sorted(set(scopes))),
        secret_hash=await passwords.hash_async(secret),
        created_at=now,
        expires_at=now + timedelta(days=expires_in_days) if expires_in_days else None,
    )
    session.add(client)
    await session.flush()
    return client, secret


async def rotate_secret(
    session: AsyncSession, passwords: Passwords, client: MachineClient, settings: Settings
) -> str:
    """A new secret; the previous one keeps working for the grace period."""
    secret = random_secret()
    client.previous_secret_hash = client.secret_hash
    client.previous_secret_expires_at = clock.now() + timedelta(
        hours=settings.client_secret_grace_hours
    )
    client.secret_hash = await passwords.hash_async(secret)
    await session.flush()
    return secret
