"""The plans-api client used to add selected companies as core companies of a B plan."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from chiiki_common.service_client import ServiceTokenProvider, service_client
from scoring_api.settings import Settings


@dataclass
class PlansConnection:
    """How to reach plans-api; tests replace ``transport`` (and ``token_transport``) to answer
    in-process."""

    settings: Settings
    transport: httpx.AsyncBaseTransport | None = None
    token_transport: httpx.AsyncBaseTransport | None = None

    def client(self) -> httpx.AsyncClient:
        provider = None
        if self.settings.service_client_id and self.settings.service_client_secret:
            provider = ServiceTokenProvider(
                self.settings.gateway_url.rstrip("/") + self.settings.token_path,
                self.settings.service_client_id,
                self.settings.service_client_secret,
            )
        token_client = (
            httpx.AsyncClient(transport=self.token_transport) if self.token_transport else None
        )
        return service_client(
            self.settings.plans_url, provider, transport=self.transport, token_client=token_client
        )
