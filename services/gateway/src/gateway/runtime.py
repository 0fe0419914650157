"""Everything the gateway holds while it runs, created once in the lifespan."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

import aiohttp
from fastapi import Depends, Request
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from chiiki_common.auth import TokenVerifier
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
