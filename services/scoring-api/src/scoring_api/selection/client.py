"""The plans-api client: whether a plan may take a call's selected companies, and adding them as
core companies of the B plan (contract: plans-api ``/internal/plans/{plan_id}/...``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Literal, cast

import httpx
import structlog
from fastapi import Depends, Request
from pydantic import Field

from chiiki_common.errors import UpstreamTimeout, UpstreamUnavailable
from chiiki_common.schemas import OutputModel
from chiiki_common.service_client import service_client, token_provider
from chiiki_common.validators import prefecture_code
from scoring_api.settings import Settings

log = structlog.get_logger("scoring.selection")


@dataclass
class PlansConnection:
    """How to reach plans-api; tests replace ``transport`` (and ``token_transport``) to answer
    in-process."""

    settings: Settings
    transport: httpx.AsyncBaseTransport | None = None
    token_transport: httpx.AsyncBaseTransport | None = None

    def client(self) -> httpx.AsyncClient:
        provider = token_provider(self.settings)
        token_client = (
            httpx.AsyncClient(transport=self.token_transport) if self.token_transport else None
        )
        return service_client(
            self.settings.plans_url, provider, transport=self.transport, token_client=token_client
        )


async def _plans(request: Request) -> PlansConnection:
    return cast(PlansConnection, request.app.state.plans)


PlansDep = Annotated[PlansConnection, Depends(_plans)]


class TargetReason(OutputModel):
    code: str
    message: str
    retryable: bool = False


class SelectionTarget(OutputModel):
    """plans-api's answer: may this plan take a company selected in a call of this prefecture?"""

    plan_id: int
    found: bool
    plan_type: str | None = None
    title: str | None = None
    state: str | None = None
    open_to_selection: bool
    effect: Literal["added", "change_request"] | None = None
    reasons: list[TargetReason] = Field(default_factory=list)

    @property
    def retryable(self) -> bool:
        """Closed only for now (the plan is in review): a push is accepted once the review ends."""
        return not self.open_to_selection and all(r.retryable for r in self.reasons)


async def selection_target(
    connection: PlansConnection, plan_id: str, prefecture: str
) -> SelectionTarget:
    """Ask plans-api about ``plan_id`` for a call of ``prefecture``; a problem when it cannot say."""
    try:
        async with connection.client() as client:
            response = await client.get(
                f"/internal/plans/{plan_id}/selection-target",
                params={"prefecture": prefecture_code(prefecture)},
            )
    except httpx.TimeoutException as exc:
        raise UpstreamTimeout(
            "計画の管理機能が時間内に応答しないため、計画を確認できません。時間をおいて再度お試しください"
        ) from exc
    except httpx.HTTPError as exc:
        raise UpstreamUnavailable(
            "計画の管理機能に接続できないため、計画を確認できません。時間をおいて再度お試しください"
        ) from exc
    try:
        response.raise_for_status()
        return SelectionTarget.model_validate(response.json())
    except (httpx.HTTPStatusError, ValueError) as exc:  # a malformed body is a ValueError too
        log.warning("scoring.selection.target_unreadable", status=response.status_code)
        raise UpstreamUnavailable(
            f"計画の管理機能が計画の確認に応答しませんでした({response.status_code})"
        ) from exc
