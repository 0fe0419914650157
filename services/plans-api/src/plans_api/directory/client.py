"""The gateway's directory, as plans-api reads it (contract: the gateway's
``GET /internal/directory/organisations``, a service token with ``directory:read``)."""

from __future__ import annotations

from dataclasses import dataclass

import httpx
from pydantic import BaseModel, ConfigDict, TypeAdapter

from chiiki_common.service_client import service_client, token_provider
from plans_api.settings import Settings


class DirectoryOrganisation(BaseModel):
    """One organisation as the directory answers it (fields plans-api does not use are ignored)."""

    model_config = ConfigDict(extra="ignore")

    code: str
    name: str
    kind: str
    prefecture: str | None = None


_ORGANISATIONS = TypeAdapter(list[DirectoryOrganisation])


@dataclass
class DirectoryConnection:
    """How to reach the gateway's directory; tests replace ``transport`` (and
    ``token_transport``) to answer in-process."""

    settings: Settings
    transport: httpx.AsyncBaseTransport | None = None
    token_transport: httpx.AsyncBaseTransport | None = None

    async def organisations(self) -> list[DirectoryOrganisation]:
        """Every organisation of the directory (raises ``httpx.HTTPError`` when it does not
        answer)."""
        provider = token_provider(self.settings)
        token_client = (
            httpx.AsyncClient(transport=self.token_transport) if self.token_transport else None
        )
        async with service_client(
            self.settings.gateway_url,
            provider,
            transport=self.transport,
            token_client=token_client,
        ) as client:
            response = await client.get("/internal/directory/organisations")
            response.raise_for_status()
            return _ORGANISATIONS.validate_python(response.json())
