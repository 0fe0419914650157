"""``/api/rounds``: the pre-check rounds (先行事例 2026-06-05, 第1弾 2026-07-15, later ones)."""

from __future__ import annotations

from fastapi import APIRouter, status

from chiiki_common.auth import CurrentPrincipal, Role, Tier, require_role, require_tier
from chiiki_common.db import SessionDep
from plans_api.plans import repository
from plans_api.plans.schemas import RoundOut
from plans_api.rounds import service
from plans_api.rounds.schemas import RoundIn

router = APIRouter(prefix="/api/rounds", tags=["rounds"])


@router.get("", response_model=list[RoundOut])
async def list_rounds(session: SessionDep, principal: CurrentPrincipal) -> list[RoundOut]:
    """Every round with its cutoff (UTC; the deadlines are 23:59 JST)."""
    return [RoundOut.model_validate(r) for r in await repository.all_rounds(session)]


@router.post(
    "",
    response_model=RoundOut,
    status_code=status.HTTP_201_CREATED,
    dependencies=[require_tier(Tier.national), require_role(Role.admin)],
)
async def create_round(body: RoundIn, session: SessionDep, principal: CurrentPrincipal) -> RoundOut:
    """Add a round (national admin)."""
    return RoundOut.model_validate(await service.add_round(session, principal, body))
