"""Rounds are data: a national admin adds the ones announced after the first batch."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from chiiki_common.audit import record_audit
from chiiki_common.auth import Principal
from chiiki_common.errors import Conflict
from plans_api.models import AuditRecord, Round
from plans_api.plans import repository
from plans_api.rounds.schemas import RoundIn


async def add_round(session: AsyncSession, principal: Principal, body: RoundIn) -> Round:
    if await repository.round_by_code(session, body.code) is not None:
        raise Conflict("同じコードの回が既にあります")
    round_ = Round(code=body.code, name=body.name, cutoff_at=body.cutoff_at, kind=body.kind)
    session.add(round_)
    await session.flush()
    await record_audit(
        session,
        AuditRecord,
        principal,
        action="round.create",
        resource_type="round",
        resource_id=body.code,
    )
    return round_
