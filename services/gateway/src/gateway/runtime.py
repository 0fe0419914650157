"""Everything the gateway holds while it runs, created once in the lifespan."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Annotated, Any

import aiohttp
from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from chiiki_common.auth import Principal, TokenVerifier
from gateway.openapi.merge import OpenAPICache
from gateway.passwords import Passwords
from gateway.ratelimit.service import AddressBuckets, Bucket
from gateway.sessions.store import SessionStore, SessionView
from gateway.settings import Settings
from gateway.throttle.service import AuthThrottle
from gateway.tokens.keyring import KeyRing
from gateway.tokens.service import mint_user_token


@dataclass
class Gateway:
    settings: Settings
    engine: AsyncEngine
    maker: async_sessionmaker[AsyncSession]
    passwords: Passwords
    keys: KeyRing
    verifier: TokenVerifier
    sessions: SessionStore
    throttle: AuthThrottle
    user_limits: Bucket
    client_limits: Bucket
    address_limits: AddressBuckets
    http: aiohttp.ClientSession
    openapi: OpenAPICache
    _principals: OrderedDict[str, tuple[dict[str, Any], Principal]] = field(
        default_factory=OrderedDict
    )
    """Machine tokens' principals, each with the claims the verifier returned for it."""

    def machine_principal(self, token: str) -> Principal:
        """The principal of a bearer token (:class:`TokenError` when it does not verify).

        The verifier answers a token seen before from its cache, after checking its expiry and
        its key; while it returns the very claims it verified then, their principal is the same
        and is not built again."""
        claims = self.verifier.verify(token)
        known = self._principals.get(token)
        if known is not None and known[0] is claims:
            return known[1]
        principal = Principal.from_claims(claims)
        self._principals[token] = (claims, principal)
        if len(self._principals) > self.verifier.cache_size:
            self._principals.popitem(last=False)
        return principal

    def user_token(self, view: SessionView) -> str:
        return self.sessions.access_token(
            view, lambda v: mint_user_token(self.keys.signer, self.settings, v)
        )


async def get_gateway(request: Request) -> Gateway:
    gateway: Gateway = request.app.state.gateway
    return gateway


GatewayDep = Annotated[Gateway, Depends(get_gateway)]


async def client_address(request: Request) -> str:
    """The client's address: the TCP peer, or, when the peer is a trusted proxy
    (``GATEWAY_TRUSTED_PROXIES``), the right-most address of ``X-Forwarded-For`` that is not one
    (resolved by the outermost middleware, see :func:`gateway.app.create_app`)."""
    return request.client.host if request.client else "unknown"


ClientAddress = Annotated[str, Depends(client_address)]
