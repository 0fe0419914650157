"""Service-to-service callers: a ``tier=service`` token carrying the named scope."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends

from chiiki_common.auth import CurrentPrincipal, Principal, Tier
from chiiki_common.errors import Forbidden

EVENTS_READ = "events:read"
PLANS_READ = "plans:read"
CORE_COMPANIES_WRITE = "plans:core-companies:write"


def service_scope(*scopes: str) -> Any:
    """A service token with any one of ``scopes``."""

    async def dependency(principal: CurrentPrincipal) -> Principal:
        if principal.tier is not Tier.service or not any(principal.has_scope(s) for s in scopes):
            raise Forbidden(f"サービス間連携用のスコープ {' 又は '.join(scopes)} が必要です")
        return principal

    return Depends(dependency)


EventReader = Annotated[Principal, service_scope(EVENTS_READ)]
PlanReader = Annotated[Principal, service_scope(PLANS_READ)]
CoreCompanyWriter = Annotated[Principal, service_scope(CORE_COMPANIES_WRITE)]
SelectionChecker = Annotated[Principal, service_scope(CORE_COMPANIES_WRITE, PLANS_READ)]
