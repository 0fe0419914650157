"""Service-to-service callers: a ``tier=service`` token carrying the named scope."""

from __future__ import annotations

from typing import Annotated, Any

from chiiki_common.auth import Principal, Tier, caller

EVENTS_READ = "events:read"
PLANS_READ = "plans:read"
CORE_COMPANIES_WRITE = "plans:core-companies:write"


def service_scope(*scopes: str) -> Any:
    """A service token with any one of ``scopes``."""
    return caller(
        tiers=[Tier.service],
        scopes=scopes,
        refusal=f"サービス間連携用のスコープ {' 又は '.join(scopes)} が必要です",
    )


EventReader = Annotated[Principal, service_scope(EVENTS_READ)]
PlanReader = Annotated[Principal, service_scope(PLANS_READ)]
CoreCompanyWriter = Annotated[Principal, service_scope(CORE_COMPANIES_WRITE)]
SelectionChecker = Annotated[Principal, service_scope(CORE_COMPANIES_WRITE, PLANS_READ)]
