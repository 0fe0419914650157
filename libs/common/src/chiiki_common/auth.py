"""JWT signing and verification behind one small interface, and the caller's principal.

python-jose is the client's choice; it is used only here, so a service never touches it and it can be
swapped for PyJWT or joserfc without touching a service. The rules (DESIGN §5):

- asymmetric algorithms only, pinned by the verifier (ES256 by default); ``alg: none`` and HS* fail;
- the key is chosen by ``kid`` from the configured JWKS; ``jku``, ``x5u`` and an embedded ``jwk`` are
  refused, never fetched; JWE (five segments) and oversized tokens are refused before parsing;
- ``iss``, ``aud``, ``exp``, ``iat`` and ``sub`` are required, ``typ`` must be ``at+jwt``;
- keys are parsed once; a verified token is cached (bounded) until it expires.
"""

from __future__ import annotations

import base64
import json
import re
import secrets
import time
import uuid
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import anyio
import httpx
import structlog
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from fastapi import Depends, Request
from jose import jwk, jws, jwt
from jose.exceptions import JOSEError

from chiiki_common import clock
from chiiki_common.errors import Forbidden, Unauthorized

log = structlog.get_logger("chiiki.auth")

ALLOWED_ALGORITHMS = frozenset({"ES256", "RS256"})
TOKEN_TYPE = "at+jwt"  # noqa: S105 (a JWT "typ", not a secret)
MAX_TOKEN_BYTES = 8192
MAX_LIFETIME_SECONDS = 15 * 60
REQUIRED_CLAIMS = ("iss", "aud", "exp", "iat", "sub")
_FORBIDDEN_HEADERS = ("jku", "x5u", "jwk", "x5c", "crit")


class Tier(StrEnum):
    national = "national"
    prefecture = "prefecture"
    municipality = "municipality"
    bureau = "bureau"
    """A regional METI bureau (地方経済産業局) or 内閣府沖縄総合事務局, with the prefectures of its
    block (``Principal.block``)."""
    ministry_system = "ministry_system"
    service = "service"


class Role(StrEnum):
    viewer = "viewer"
    editor = "editor"
    approver = "approver"
    admin = "admin"
    reviewer = "reviewer"
    publisher = "publisher"


_ROLE_RANK = {Role.viewer: 0, Role.editor: 1, Role.approver: 2, Role.admin: 3}

_PREFECTURE_NUMBER = re.compile(r"0[1-9]|[1-3][0-9]|4[0-7]")
"""A prefecture's two-digit number, ``01`` (北海道) to ``47`` (沖縄県), ASCII digits only."""


class TokenError(Exception):
    """A token that must not be accepted; the message is for logs, never for the caller."""


# ---------------------------------------------------------------------------------------------
# Keys


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_pem: str
    algorithm: str = "ES256"

    @classmethod
    def generate(cls, kid: str | None = None) -> SigningKey:
        private = ec.generate_private_key(ec.SECP256R1())
        pem = private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        return cls(kid=kid or f"k-{uuid.uuid4().hex[:12]}", private_pem=pem)

    def public_jwk(self) -> dict[str, Any]:
        public = jwk.construct(self.private_pem, algorithm=self.algorithm).public_key()
        data: dict[str, Any] = public.to_dict()
        data.update({"kid": self.kid, "use": "sig", "alg": self.algorithm})
        return data


class TokenSigner:
    """Mints access tokens with the newest key; older keys stay in the JWKS until retired."""

    def __init__(self, keys: Iterable[SigningKey], *, issuer: str) -> None:
        self._keys = list(keys)
        if not self._keys:
            raise ValueError("at least one signing key is needed")
        self.issuer = issuer
        self._active = self._keys[-1]
        self._active_key = jwk.construct(self._active.private_pem, algorithm=self._active.algorithm)

    def jwks(self) -> dict[str, Any]:
        return {"keys": [key.public_jwk() for key in self._keys]}

    def sign(
        self,
        *,
        subject: str,
        audience: str | list[str],
        lifetime_seconds: int = 300,
        claims: Mapping[str, Any] | None = None,
    ) -> str:
        if not 0 < lifetime_seconds <= MAX_LIFETIME_SECONDS:
            raise ValueError("access tokens live at most 15 minutes")
        issued = int(clock.now().timestamp())
        payload: dict[str, Any] = {
            **(claims or {}),
            "iss": self.issuer,
            "sub": subject,
            "aud": audience,
            "iat": issued,
            "nbf": issued,
            "exp": issued + lifetime_seconds,
            "jti": uuid.uuid4().hex,
        }
        return jws.sign(
            json.dumps(payload, separators=(",", ":")).encode(),
            self._active_key,
            headers={"kid": self._active.kid, "typ": TOKEN_TYPE},
            algorithm=self._active.algorithm,
        )


# ---------------------------------------------------------------------------------------------
# Verification


def _b64json(segment: str) -> dict[str, Any]:
    padded = segment + "=" * (-len(segment) % 4)
    value = json.loads(base64.urlsafe_b64decode(padded.encode("ascii")))
    if not isinstance(value, dict):
        raise TokenError("segment is not an object")
    return value


class JWKSSource:
    """Where the verifier gets its keys: a static set, a file, or the gateway's JWKS URL.

    The URL comes from configuration only; nothing in a token can make the verifier fetch anything.
    Refetches on an unknown ``kid`` are limited to one per ``min_refresh_seconds`` (one a second: a
    key one gateway replica has just added is accepted everywhere within that second, and a flood of
    made-up ``kid`` values costs each process one small fetch a second). Keys held longer
    than ``max_age_seconds`` are fetched again on the next use, so a key the gateway retired stops
    being accepted within that time (a rotation by any gateway replica reaches every service).
    """

    def __init__(
        self,
        *,
        static: Mapping[str, Any] | None = None,
        path: str | None = None,
        url: str | None = None,
        min_refresh_seconds: float = 1.0,
        max_age_seconds: float = 60.0,
    ) -> None:
        self._static, self._path, self._url = static, path, url
        self._min_refresh = min_refresh_seconds
        self._max_age = max_age_seconds
        self._last_refresh = float("-inf")
        self._keys: dict[str, Any] = {}

    def _load(self) -> Mapping[str, Any] | None:
        if self._static is not None:
            return self._static
        if self._path:
            file = Path(self._path)
            return json.loads(file.read_text()) if file.exists() else None
        if self._url:
            try:
                response = httpx.get(self._url, timeout=3.0)
                response.raise_for_status()
                return response.json()  # type: ignore[no-any-return]
            except (httpx.HTTPError, ValueError) as exc:
                log.warning("auth.jwks.fetch_failed", url=self._url, error=str(exc))
                return None
        return None

    def refresh(self, *, force: bool = False) -> None:
        now = time.monotonic()
        # A service that started before the gateway answered holds no keys: it asks again a second
        # later whatever the throttle, so it does not refuse every token for a whole interval.
        limit = self._min_refresh if self._keys else min(self._min_refresh, 1.0)
        if not force and now - self._last_refresh < limit:
            return
        self._last_refresh = now
        document = self._load()
        if document is None:
            return
        keys: dict[str, Any] = {}
        for entry in document.get("keys", []):
            alg = entry.get("alg")
            if alg not in ALLOWED_ALGORITHMS or not entry.get("kid"):
                continue
            if entry.get("kty") not in {"EC", "RSA"}:
                continue  # never an "oct" (shared-secret) key
            keys[entry["kid"]] = (alg, jwk.construct(entry, algorithm=alg))
        self._keys = keys

    def _stale(self) -> bool:
        return self._static is None and time.monotonic() - self._last_refresh >= self._max_age

    def holds(self, kid: str) -> bool:
        """Whether ``kid`` is among keys fresh enough to trust, without fetching anything."""
        return not self._stale() and kid in self._keys

    def get(self, kid: str) -> tuple[str, Any] | None:
        if self._stale():
            self.refresh(force=True)
        elif kid not in self._keys:
            self.refresh()
            # A key a gateway replica has just added may postdate the last fetch, made less than a
            # second ago: ask once more when the throttle allows, rather than refuse the first
            # tokens signed with it. Verification runs in a worker thread, so the wait holds no
            # event loop; only a JWKS fetched over HTTP waits (a file or a static set is current).
            wait = self._min_refresh - (time.monotonic() - self._last_refresh)
            if kid not in self._keys and self._url and 0 < wait <= 1.0:
                time.sleep(wait)
                self.refresh()
        return self._keys.get(kid)


@dataclass
class TokenVerifier:
    """Verifies access tokens for one audience; algorithms pinned, claims required."""

    source: JWKSSource
    issuer: str
    audience: str
    algorithms: frozenset[str] = field(default_factory=lambda: frozenset({"ES256"}))
    cache_size: int = 10_000
    leeway_seconds: int = 5
    _cache: OrderedDict[str, tuple[str, dict[str, Any]]] = field(default_factory=OrderedDict)
    """Verified tokens: the ``kid`` that signed each and its claims."""

    def __post_init__(self) -> None:
        if not self.algorithms <= ALLOWED_ALGORITHMS:
            raise ValueError("only asymmetric algorithms may be configured")

    def cached(self, token: str) -> dict[str, Any] | None:
        """The claims of a token verified before, not yet expired and signed by a key the source
        still holds (a retired key ends its tokens too); ``None`` otherwise."""
        entry = self._cache.get(token)
        if entry is None:
            return None
        kid, claims = entry
        if claims["exp"] > clock.now().timestamp() and self.source.holds(kid):
            return claims
        self._cache.pop(token, None)
        return None

    def verify(self, token: str) -> dict[str, Any]:
        cached = self.cached(token)
        if cached is not None:
            return cached
        claims = self._verify_uncached(token, clock.now().timestamp())
        self._cache[token] = (_b64json(token.split(".")[0])["kid"], claims)
        if len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return claims

    def _verify_uncached(self, token: str, now: float) -> dict[str, Any]:
        if len(token) > MAX_TOKEN_BYTES:
            raise TokenError("token too large")
        segments = token.split(".")
        if len(segments) != 3:
            raise TokenError("not a compact JWS (JWE and malformed tokens are refused)")
        try:
            header = _b64json(segments[0])
        except (ValueError, UnicodeDecodeError) as exc:
            raise TokenError("malformed header") from exc
        alg = header.get("alg")
        if alg not in self.algorithms:
            raise TokenError(f"algorithm {alg!r} not accepted")
        if header.get("typ") != TOKEN_TYPE:
            raise TokenError("wrong token type")
        if any(name in header for name in _FORBIDDEN_HEADERS):
            raise TokenError("key-bearing header refused")
        kid = header.get("kid")
        if not isinstance(kid, str):
            raise TokenError("no kid")
        entry = self.source.get(kid)
        if entry is None:
            raise TokenError("unknown kid")
        key_alg, key = entry
        if key_alg != alg:
            raise TokenError("algorithm does not match the key")
        try:
            claims: dict[str, Any] = jwt.decode(
                token,
                key,
                algorithms=[alg],
                audience=self.audience,
                issuer=self.issuer,
                # jose reads the system clock, and its require_exp/require_iat switch its own
                # expiry check back on; so time claims are required and checked below, on the
                # platform clock (a demo may run "as of" another date).
                options={
                    "require_aud": True,
                    "require_iss": True,
                    "require_sub": True,
                    "verify_exp": False,
                    "verify_nbf": False,
                    "verify_iat": False,
                },
            )
        except JOSEError as exc:
            raise TokenError(str(exc)) from exc
        for name in REQUIRED_CLAIMS:
            if name not in claims:
                raise TokenError(f"missing claim {name}")
        exp, iat = claims["exp"], claims["iat"]
        if not isinstance(exp, int | float) or not isinstance(iat, int | float):
            raise TokenError("exp/iat must be numbers")
        if exp + self.leeway_seconds <= now:
            raise TokenError("expired")
        if iat - self.leeway_seconds > now or claims.get("nbf", iat) - self.leeway_seconds > now:
            raise TokenError("not yet valid")
        if exp - iat > MAX_LIFETIME_SECONDS:
            raise TokenError("lifetime too long")
        return claims


# ---------------------------------------------------------------------------------------------
# Principal and policy


@dataclass(frozen=True)
class Principal:
    """Who is calling: a user, a ministry machine client or a service, with tier, organisation,
    roles and scopes taken from the verified token only."""

    subject: str
    tier: Tier
    organisation: str
    roles: frozenset[Role] = frozenset()
    scopes: frozenset[str] = frozenset()
    name: str = ""
    designated_city: bool = False
    token_id: str = ""
    block: frozenset[str] = frozenset()
    """A bureau's block: the two-digit numbers of its prefectures (``{"40", …, "46"}`` for
    九州経済産業局); empty for every other tier."""

    @classmethod
    def from_claims(cls, claims: Mapping[str, Any]) -> Principal:
        try:
            tier = Tier(claims["tier"])
            roles = frozenset(Role(r) for r in claims.get("roles", []))
        except (KeyError, ValueError) as exc:
            raise TokenError("tier or roles missing or unknown") from exc
        organisation = claims.get("org")
        if not isinstance(organisation, str) or not organisation:
            raise TokenError("organisation missing")
        scope = claims.get("scope", "")
        return cls(
            subject=str(claims["sub"]),
            tier=tier,
            organisation=organisation,
            roles=roles,
            scopes=frozenset(scope.split()) if isinstance(scope, str) else frozenset(),
            name=str(claims.get("name", "")),
            designated_city=bool(claims.get("designated_city", False)),
            token_id=str(claims.get("jti", "")),
            block=_block_of(tier, claims),
        )

    @property
    def is_national(self) -> bool:
        return self.tier is Tier.national

    @property
    def is_local(self) -> bool:
        return self.tier in (Tier.prefecture, Tier.municipality)

    @property
    def prefecture(self) -> str | None:
        """Two-digit prefecture of a local-government caller (the code's first two digits)."""
        return self.organisation[:2] if self.is_local else None

    def has_role(self, role: Role) -> bool:
        """Hierarchical for viewer < editor < approver < admin; exact for reviewer / publisher."""
        if role in _ROLE_RANK:
            return any(_ROLE_RANK.get(r, -1) >= _ROLE_RANK[role] for r in self.roles)
        return role in self.roles

    def has_scope(self, scope: str) -> bool:
        return scope in self.scopes


def _block_of(tier: Tier, claims: Mapping[str, Any]) -> frozenset[str]:
    """The ``block`` claim: a bureau's token must carry a non-empty list of prefecture numbers
    (``["40", "41"]``), and no other token may carry one at all (not even an empty one)."""
    if tier is not Tier.bureau:
        if "block" in claims:
            raise TokenError("a block on a token that is not a bureau's")
        return frozenset()
    block = claims.get("block")
    if not isinstance(block, list) or not block:
        raise TokenError("a bureau token without its block")
    if not all(isinstance(p, str) and _PREFECTURE_NUMBER.fullmatch(p) for p in block):
        raise TokenError("a block with a malformed prefecture number")
    return frozenset(block)


def bearer_token(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        return None
    return token.strip()


async def authenticate(request: Request) -> Principal:
    """Dependency: verify the bearer token with the app's verifier; 401 problem+json otherwise.

    A token seen before is answered from the verifier's cache on the event loop; the first sight
    of a token (signature check, and a JWKS fetch for an unknown ``kid``) runs in a worker thread."""
    cached = getattr(request.state, "principal", None)
    if isinstance(cached, Principal):
        return cached
    token = bearer_token(request)
    if token is None:
        raise Unauthorized("アクセストークンがありません")
    verifier: TokenVerifier = request.app.state.token_verifier
    try:
        claims = verifier.cached(token)
        if claims is None:
            claims = await anyio.to_thread.run_sync(verifier.verify, token)
        principal = Principal.from_claims(claims)
    except TokenError as exc:
        log.info("auth.token.rejected", reason=str(exc))
        raise Unauthorized("アクセストークンが無効です") from exc
    request.state.principal = principal
    structlog.contextvars.bind_contextvars(sub=principal.subject, org=principal.organisation)
    return principal


CurrentPrincipal = Annotated[Principal, Depends(authenticate)]


PEOPLE = (Tier.national, Tier.prefecture, Tier.municipality, Tier.bureau)
"""The tiers of people (every other caller is a machine)."""


def caller(
    *,
    tiers: Iterable[Tier] = (),
    roles: Iterable[Role] = (),
    scopes: Iterable[str] = (),
    refusal: str | None = None,
) -> Any:
    """The dependency that says who may call a route, named as a type for its signature::

        NationalAdmin = Annotated[Principal, caller(tiers=[Tier.national], roles=[Role.admin])]

        async def create_round(..., principal: NationalAdmin) -> ...

    The caller must be of one of ``tiers`` (any tier when empty), hold every one of ``roles`` and
    one of ``scopes`` (when given); otherwise 403 with ``refusal`` or the failed check's message.
    Rules on a particular record (an author of this plan) stay with the record's service."""
    allowed, required, granted = frozenset(tiers), tuple(roles), tuple(scopes)

    async def check(principal: CurrentPrincipal) -> Principal:
        if allowed and principal.tier not in allowed:
            raise Forbidden(refusal or "この利用者区分では利用できません")
        if not all(principal.has_role(role) for role in required):
            raise Forbidden(refusal or "この操作に必要な役割がありません")
        if granted and not any(principal.has_scope(scope) for scope in granted):
            raise Forbidden(refusal or "このクライアントには必要なスコープがありません")
        return principal

    return Depends(check)


def random_secret(nbytes: int = 32) -> str:
    return secrets.token_urlsafe(nbytes)
