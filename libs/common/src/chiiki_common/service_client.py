"""Service-to-service HTTP: httpx with a service token (client credentials from the gateway), the
request id forwarded, and timeouts on every call."""

from __future__ import annotations

import asyncio
import time

import httpx

from chiiki_common.logging import forward_request_id
from chiiki_common.settings import ServiceSettings

DEFAULT_TIMEOUT = httpx.Timeout(10.0, connect=3.0)


class ServiceTokenProvider:
    """Fetches and caches a client-credentials token from the gateway until shortly before expiry."""

    def __init__(self, token_url: str, client_id: str, client_secret: str) -> None:
        self._url, self._id, self._secret = token_url, client_id, client_secret
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock = asyncio.Lock()

    async def token(self, client: httpx.AsyncClient) -> str:
        async with self._lock:
            if self._token is None or time.monotonic() > self._expires_at - 60:
                response = await client.post(
                    self._url,
                    data={"grant_type": "client_credentials"},
                    auth=(self._id, self._secret),
                    timeout=DEFAULT_TIMEOUT,
                )
                response.raise_for_status()
                body = response.json()
                self._token = body["access_token"]
                self._expires_at = time.monotonic() + int(body.get("expires_in", 300))
            return self._token

    async def refused(self, token: str) -> None:
        """The token was refused (its key retired by a rotation, say): fetch a new one next time."""
        async with self._lock:
            if self._token == token:
                self._token = None


def token_provider(settings: ServiceSettings) -> ServiceTokenProvider | None:
    """The service's own client credentials at the gateway, when its settings name a client
    (``<PREFIX>SERVICE_CLIENT_ID`` and ``_SECRET``); None otherwise."""
    if not (settings.service_client_id and settings.service_client_secret):
        return None
    return ServiceTokenProvider(
        settings.gateway_url.rstrip("/") + settings.token_path,
        settings.service_client_id,
        settings.service_client_secret,
    )


class _ServiceAuth(httpx.Auth):
    def __init__(self, provider: ServiceTokenProvider, token_client: httpx.AsyncClient) -> None:
        self._provider, self._token_client = provider, token_client

    async def async_auth_flow(self, request: httpx.Request):  # type: ignore[no-untyped-def]
        token = await self._provider.token(self._token_client)
        request.headers["authorization"] = f"Bearer {token}"
        response = yield request
        if response.status_code == 401:
            # Once, with a fresh token: a key rotation ends the old token before it expires.
            await self._provider.refused(token)
            request.headers["authorization"] = (
                f"Bearer {await self._provider.token(self._token_client)}"
            )
            yield request


def service_client(
    base_url: str,
    provider: ServiceTokenProvider | None,
    *,
    transport: httpx.AsyncBaseTransport | None = None,
    token_client: httpx.AsyncClient | None = None,
) -> httpx.AsyncClient:
    """An httpx client for another service; ``transport`` lets tests call an app in-process."""
    auth = _ServiceAuth(provider, token_client or httpx.AsyncClient()) if provider else None
    return httpx.AsyncClient(
        base_url=base_url,
        auth=auth,
        timeout=DEFAULT_TIMEOUT,
        transport=transport,
        event_hooks={"request": [forward_request_id]},
    )
