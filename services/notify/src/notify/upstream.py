"""Clients for what notify reads from the other services (the contracts in the common brief).

Every call goes through :func:`chiiki_common.service_client.service_client` with a
client-credentials token (``svc-notify``); tests inject transports that answer in-process.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import httpx
from pydantic import BaseModel, ConfigDict, Field

from chiiki_common.outbox import EventFeed
from chiiki_common.service_client import service_client, token_provider
from notify.settings import Settings


class _Loose(BaseModel):
    # ids arrive as numbers (directory users, calls) and are kept as strings, like a token's sub
    model_config = ConfigDict(extra="ignore", coerce_numbers_to_str=True)


class Round(_Loose):
    """A pre-check round as plans-api answers it: ``last_day`` is the last JST day a request
    counts (「7月15日(水)までに」), ``cutoff_at`` the exclusive end (00:00 JST the day after)."""

    code: str
    name: str
    cutoff_at: datetime
    last_day: date | None = None
    kind: str = ""


class OpenCall(_Loose):
    id: str
    prefecture_code: str
    title: str
    closes_at: datetime


class CallCreated(_Loose):
    """The payload of scoring-api's ``call.created`` event: the call's window, known from its
    creation on (``/internal/calls/open`` lists a call only once its window has opened)."""

    call_id: str
    prefecture_code: str
    title: str
    opens_at: datetime
    closes_at: datetime


class DirectoryUser(_Loose):
    id: str
    email: str
    name: str = ""
    organisation: str
    organisation_name: str = ""
    tier: str = ""
    roles: list[str] = Field(default_factory=list)


class DirectoryBureau(_Loose):
    """A regional bureau (or 内閣府沖縄総合事務局) with its block's prefecture numbers."""

    code: str
    name: str = ""
    block: list[str] = Field(default_factory=list)


def _items(body: Any, *keys: str) -> list[Any]:
    """The list in an answer, whether bare or wrapped (``{"items": [...]}``)."""
    if isinstance(body, dict):
        for key in (*keys, "items"):
            if isinstance(body.get(key), list):
                return list(body[key])
        return []
    return list(body)


def _codes(body: Any) -> set[str]:
    codes: set[str] = set()
    for item in _items(body, "organisations"):
        if isinstance(item, str):
            codes.add(item)
        elif isinstance(item, dict):
            codes.add(str(item.get("code") or item.get("organisation")))
    return codes


class Upstream:
    """plans-api, scoring-api and the gateway directory, as notify needs them."""

    def __init__(
        self, *, plans: httpx.AsyncClient, scoring: httpx.AsyncClient, gateway: httpx.AsyncClient
    ) -> None:
        self.plans, self.scoring, self.gateway = plans, scoring, gateway

    async def _get(self, client: httpx.AsyncClient, path: str, **params: Any) -> Any:
        response = await client.get(path, params=params or None)
        response.raise_for_status()
        return response.json()

    async def precheck_pending_organisations(self, round_code: str | None = None) -> set[str]:
        """Organisations authoring a B or C plan not yet pre-check-requested (with ``round_code``:
        of that round; a municipal plan waiting at its prefecture names the prefecture)."""
        params = {"round": round_code} if round_code else {}
        return _codes(
            await self._get(self.plans, "/internal/deadline-audiences/precheck-pending", **params)
        )

    async def published_author_organisations(self) -> set[str]:
        return _codes(await self._get(self.plans, "/internal/deadline-audiences/published-authors"))

    async def rounds(self) -> list[Round]:
        body = await self._get(self.plans, "/internal/rounds")
        return [Round.model_validate(item) for item in _items(body, "rounds")]

    async def open_calls(self) -> list[OpenCall]:
        body = await self._get(self.scoring, "/internal/calls/open")
        return [OpenCall.model_validate(item) for item in _items(body, "calls")]

    async def users(self, organisation: str) -> list[DirectoryUser]:
        body = await self._get(self.gateway, "/internal/directory/users", organisation=organisation)
        return [DirectoryUser.model_validate(item) for item in _items(body, "users")]

    async def bureaus(self) -> list[DirectoryBureau]:
        """The bureaus of the gateway's directory, each with its block."""
        body = await self._get(self.gateway, "/internal/directory/organisations", kind="bureau")
        return [DirectoryBureau.model_validate(item) for item in _items(body, "organisations")]

    async def events(self, source: str, *, after: int, limit: int, wait: float = 0) -> EventFeed:
        """A page of ``source``'s feed; with ``wait``, the service holds the answer until an event
        commits or ``wait`` seconds pass."""
        client = self.plans if source == "plans" else self.scoring
        params: dict[str, Any] = {"after": after, "limit": limit}
        if wait > 0:
            params["wait"] = wait
        response = await client.get(
            "/internal/events",
            params=params,
            timeout=httpx.Timeout(wait + 10.0, connect=3.0),
        )
        response.raise_for_status()
        return EventFeed.model_validate(response.json())

    async def aclose(self) -> None:
        for client in (self.plans, self.scoring, self.gateway):
            await client.aclose()


def build_upstream(
    settings: Settings, *, transports: dict[str, httpx.AsyncBaseTransport] | None = None
) -> Upstream:
    """Clients for the three services; ``transports`` (by name: plans, scoring, gateway) lets
    tests answer in-process, and with them no token is fetched."""
    transports = transports or {}
    provider = None if transports else token_provider(settings)

    def client(name: str, url: str) -> httpx.AsyncClient:
        return service_client(url, provider, transport=transports.get(name))

    return Upstream(
        plans=client("plans", settings.plans_url),
        scoring=client("scoring", settings.scoring_url),
        gateway=client("gateway", settings.gateway_url),
    )
